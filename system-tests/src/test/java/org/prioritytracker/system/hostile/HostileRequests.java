package org.prioritytracker.system.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.prioritytracker.system.support.SystemStack;

/**
 * One generated request for every write endpoint and every query and path parameter of the three
 * services: a valid request with one part made hostile, or garbage where JSON belongs.
 */
final class HostileRequests {

    /** A request to send, and whether it writes (a refused write must store nothing). */
    record Request(
            String method, String url, Map<String, String> headers, String body, boolean write, String endpoint) {}

    private static final List<String> ITEMS = List.of("P1.1", "P3.2", "P4.4", "P8.3");
    private static final List<String> PROVINCES = List.of("130000", "320000", "650000", "660000");

    private final HostileValues values;
    private final Map<String, String> tokens;
    private final String knownReport;

    /**
     * @param tokens by role ("ministry-admin", "ministry-reviewer", "viewer", "reporter")
     * @param knownReport the id of a report that exists, so that amendments and reviews reach their rules
     */
    HostileRequests(HostileValues values, Map<String, String> tokens, String knownReport) {
        this.values = values;
        this.tokens = tokens;
        this.knownReport = knownReport;
    }

    Request next() {
        return switch (values.below(17)) {
            case 0 -> transition();
            case 1 -> patchItem();
            case 2, 3 -> submitReport();
            case 4 -> amendReport();
            case 5 -> review();
            case 6 -> jsonBatch();
            case 7 -> csvBatch();
            case 8 -> session();
            case 9 -> deadLetters();
            case 10 ->
                get(
                        SystemStack.TASK,
                        "/api/items",
                        "plan",
                        "priority",
                        "status",
                        "overdue",
                        "archived",
                        "page",
                        "size");
            case 11 ->
                get(SystemStack.PROGRESS, "/api/reports", "item", "province", "period", "reviewState", "page", "size");
            case 12 -> get(SystemStack.NOTIFICATION, "/api/events", "after", "limit", "subject", "type");
            case 13 -> get(SystemStack.PROGRESS, "/api/rollups/timeliness", "plan", "period");
            case 14 -> guardedWrite();
            case 15 -> incompleteCreation();
            default -> pathRead();
        };
    }

    private Request transition() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put(
                "to",
                HostileValues.quote(
                        values.pick(List.of("IN_PROGRESS", "AT_RISK", "SUSPENDED", "COMPLETED", "NOT_STARTED"))));
        body.put("reason", HostileValues.quote("汛期水质波动"));
        return write(
                "POST",
                SystemStack.TASK + "/api/items/" + pathSegment(values.pick(ITEMS)) + "/transitions",
                "ministry-admin",
                ifMatch(),
                "application/json",
                mutate(body),
                "transition");
    }

    private Request patchItem() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put(
                values.pick(List.of("titleZh", "titleEn", "description", "leadDepartment", "dueDate")),
                HostileValues.quote("x"));
        return write(
                "PATCH",
                SystemStack.TASK + "/api/items/" + pathSegment(values.pick(ITEMS)),
                "ministry-admin",
                ifMatch(),
                values.chance(0.8) ? "application/merge-patch+json" : "application/json",
                mutate(body),
                "patch item");
    }

    private Request submitReport() {
        Map<String, String> headers = headers("reporter", "application/json; charset=UTF-8");
        headers.put("Idempotency-Key", values.chance(0.8) ? UUID.randomUUID().toString() : values.headerText());
        return new Request(
                "POST", SystemStack.PROGRESS + "/api/reports", headers, mutate(reportBody()), true, "submit report");
    }

    private Request amendReport() {
        Map<String, String> headers = headers("reporter", "application/json; charset=UTF-8");
        headers.put("If-Match", ifMatch());
        String id = values.chance(0.7) ? knownReport : values.text();
        return new Request(
                "PUT",
                SystemStack.PROGRESS + "/api/reports/" + pathSegment(id),
                headers,
                mutate(reportBody()),
                true,
                "amend report");
    }

    private Request review() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("decision", HostileValues.quote(values.pick(List.of("ACCEPTED", "RETURNED"))));
        body.put("comment", HostileValues.quote("请补充数据"));
        String id = values.chance(0.7) ? knownReport : values.text();
        return write(
                "POST",
                SystemStack.PROGRESS + "/api/reports/" + pathSegment(id) + "/review",
                "ministry-reviewer",
                ifMatch(),
                "application/json",
                mutate(body),
                "review");
    }

    private Request jsonBatch() {
        StringJoiner rows = new StringJoiner(",", "[", "]");
        for (int i = 0, n = 1 + values.below(4); i < n; i++) {
            rows.add(mutate(reportBody()));
        }
        String body = values.chance(0.9) ? rows.toString() : values.json();
        return write(
                "POST",
                SystemStack.PROGRESS + "/api/reports/batch",
                "reporter",
                null,
                "application/json; charset=UTF-8",
                body,
                "batch (JSON)");
    }

    private Request csvBatch() {
        List<String> header = new ArrayList<>(List.of("itemCode", "period", "percentComplete", "status", "narrative"));
        if (values.chance(0.5)) {
            header.set(values.below(header.size()), values.chance(0.5) ? "metric:" + values.text() : values.text());
        }
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0, n = 1 + values.below(4); i < n; i++) {
            List<String> cells = new ArrayList<>(List.of(values.pick(ITEMS), "2025-Q1", "40", "ON_TRACK", "进展顺利"));
            cells.set(values.below(cells.size()), values.text());
            csv.append(String.join(",", cells)).append('\n');
        }
        return write(
                "POST",
                SystemStack.PROGRESS + "/api/reports/batch",
                "reporter",
                null,
                "text/csv; charset=UTF-8",
                csv.toString(),
                "batch (CSV)");
    }

    private Request session() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (values.chance(0.5) ? tokens.get("viewer") : values.headerText()));
        String method = values.chance(0.8) ? "POST" : "DELETE";
        return new Request(method, SystemStack.NOTIFICATION + "/api/session", headers, "", false, "session");
    }

    private Request deadLetters() {
        String position =
                pathSegment(values.chance(0.3) ? Long.toString(values.random().nextLong()) : values.text());
        String method = values.pick(List.of("GET", "POST", "DELETE"));
        String url = SystemStack.NOTIFICATION + "/api/dead-letters"
                + switch (method) {
                    case "GET" -> values.chance(0.5) ? "?all=" + query(values.text()) : "/" + position;
                    case "POST" -> "/" + position + "/replay";
                    default -> "/" + position;
                };
        return new Request(method, url, headers("ministry-admin", null), "", !method.equals("GET"), "dead letters");
    }

    /**
     * A write of the catalogue, a calendar or a bureau with a stale or hostile If-Match: whatever the
     * body, it must not change the shared stack's plan, calendar or bureaus that the other tests use.
     */
    private Request guardedWrite() {
        String ifMatch = values.chance(0.3) ? neverMatching(values.headerText()) : staleVersion();
        Map<String, String> reason = new LinkedHashMap<>();
        reason.put("reason", HostileValues.quote("机构调整"));
        return switch (values.below(6)) {
            case 0 -> {
                Map<String, String> titles = new LinkedHashMap<>();
                titles.put(values.pick(List.of("titleZh", "titleEn")), HostileValues.quote("新名称"));
                yield write(
                        "PATCH",
                        SystemStack.TASK + "/api/priorities/" + pathSegment(values.pick(List.of("P1", "P3", "P8"))),
                        "ministry-admin",
                        ifMatch,
                        "application/merge-patch+json",
                        mutate(titles),
                        "rename priority");
            }
            case 1 ->
                write(
                        "POST",
                        SystemStack.TASK + "/api/items/" + pathSegment(values.pick(ITEMS)) + "/archive",
                        "ministry-admin",
                        ifMatch,
                        "application/json",
                        mutate(reason),
                        "archive item");
            case 2 ->
                write(
                        "POST",
                        SystemStack.TASK + "/api/priorities/" + pathSegment(values.pick(List.of("P1", "P3", "P8")))
                                + "/archive",
                        "ministry-admin",
                        ifMatch,
                        "application/json",
                        mutate(reason),
                        "archive priority");
            case 3 ->
                write(
                        "POST",
                        SystemStack.TASK + "/api/provinces/" + pathSegment(values.pick(PROVINCES)) + "/"
                                + values.pick(List.of("deactivate", "reactivate")),
                        "ministry-admin",
                        ifMatch,
                        "application/json",
                        mutate(reason),
                        "bureau status");
            default -> {
                Map<String, String> calendar = new LinkedHashMap<>();
                calendar.put("cadence", HostileValues.quote(values.pick(List.of("QUARTERLY", "MONTHLY"))));
                calendar.put("deadlineDays", Integer.toString(values.below(91)));
                calendar.put("reminderDays", Integer.toString(values.below(91)));
                calendar.put("lockDays", values.chance(0.5) ? "null" : Integer.toString(90 + values.below(200)));
                yield write(
                        "PUT",
                        SystemStack.PROGRESS + "/api/calendars/"
                                + pathSegment(values.pick(List.of("2025", "2024", values.text()))),
                        "ministry-admin",
                        ifMatch,
                        "application/json",
                        mutate(calendar),
                        "set calendar");
            }
        };
    }

    /**
     * A creation that lacks one required field, with the rest made hostile: it must be a 4xx naming a
     * field, never a 5xx, and never create a plan, priority, sub-item or reopening in the shared stack.
     */
    private Request incompleteCreation() {
        Map<String, String> body = new LinkedHashMap<>();
        String url;
        String endpoint;
        switch (values.below(5)) {
            case 0 -> {
                body.put("year", Integer.toString(2000 + values.below(101)));
                body.put(values.pick(List.of("titleZh", "titleEn")), HostileValues.quote("计划"));
                url = SystemStack.TASK + "/api/plans";
                endpoint = "create plan";
            }
            case 1 -> {
                body.put(values.pick(List.of("titleZh", "titleEn")), HostileValues.quote("重点任务"));
                url = SystemStack.TASK + "/api/plans/" + pathSegment(values.pick(List.of("2025", values.text())))
                        + "/priorities";
                endpoint = "add priority";
            }
            case 2 -> {
                body.put("titleZh", HostileValues.quote("子项"));
                body.put("titleEn", HostileValues.quote("Sub-item"));
                body.put("description", HostileValues.quote("说明"));
                url = SystemStack.TASK + "/api/priorities/"
                        + pathSegment(values.pick(List.of("P3", "P8", values.text()))) + "/items";
                endpoint = "add sub-item";
            }
            case 3 -> {
                body.put("formatVersion", "1");
                body.put("planYear", Integer.toString(2000 + values.below(101)));
                body.put("planTitleEn", HostileValues.quote("Plan"));
                body.put(
                        "priorities",
                        "[{\"titleZh\": \"任务\", \"titleEn\": \"Task\", \"items\": [{\"titleZh\": " + values.json()
                                + ", \"titleEn\": \"x\", \"dueDate\": \"2030-12-31\"}]}]");
                url = SystemStack.TASK + "/api/plans/import";
                endpoint = "import plan";
            }
            default -> {
                body.put("provinceCode", HostileValues.quote(values.pick(PROVINCES)));
                body.put("period", HostileValues.quote("2025-Q1"));
                url = SystemStack.PROGRESS + "/api/calendars/"
                        + pathSegment(values.pick(List.of("2025", values.text()))) + "/reopenings";
                endpoint = "reopen period";
            }
        }
        return write("POST", url, "ministry-admin", null, "application/json", mutate(body), endpoint);
    }

    private Request pathRead() {
        String segment = pathSegment(values.text());
        String path = values.pick(List.of(
                SystemStack.TASK + "/api/items/" + segment,
                SystemStack.TASK + "/api/items/" + segment + "/history",
                SystemStack.TASK + "/api/priorities/" + segment,
                SystemStack.TASK + "/api/provinces/" + segment,
                SystemStack.PROGRESS + "/api/reports/" + segment,
                SystemStack.PROGRESS + "/api/reports/" + segment + "/versions",
                SystemStack.PROGRESS + "/api/rollups/items/" + segment,
                SystemStack.PROGRESS + "/api/rollups/priorities/" + segment,
                SystemStack.PROGRESS + "/api/rollups/provinces/" + segment,
                SystemStack.TASK + "/api/plans/" + segment,
                SystemStack.TASK + "/api/plans/" + segment + "/priorities",
                SystemStack.PROGRESS + "/api/calendars/" + segment,
                SystemStack.PROGRESS + "/api/calendars/" + segment + "/reopenings"));
        return new Request(
                "GET",
                path,
                headers(values.pick(List.of("viewer", "reporter", "ministry-admin")), null),
                "",
                false,
                "read by path");
    }

    private Request get(String service, String path, String... parameters) {
        StringJoiner query = new StringJoiner("&", "?", "");
        for (String parameter : parameters) {
            if (values.chance(0.5)) {
                query.add(parameter + "=" + query(values.text()));
            }
        }
        if (values.chance(0.1)) {
            query.add(query(values.text()) + "=" + query(values.text()));
        }
        return new Request(
                "GET",
                service + path + query,
                headers(values.pick(List.of("viewer", "reporter")), null),
                "",
                false,
                "list " + path);
    }

    private Request write(
            String method, String url, String role, String ifMatch, String contentType, String body, String endpoint) {
        Map<String, String> headers = headers(role, contentType);
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return new Request(method, url, headers, body, true, endpoint);
    }

    private Map<String, String> headers(String role, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        String token = values.chance(0.05) ? values.headerText() : tokens.get(role);
        headers.put("Authorization", "Bearer " + token);
        if (contentType != null) {
            headers.put("Content-Type", values.chance(0.05) ? values.headerText() : contentType);
        }
        return headers;
    }

    private Map<String, String> reportBody() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("itemCode", HostileValues.quote(values.pick(ITEMS)));
        body.put("period", HostileValues.quote("2025-Q" + (1 + values.below(4))));
        body.put("percentComplete", Integer.toString(values.below(101)));
        body.put("status", HostileValues.quote("ON_TRACK"));
        body.put("narrative", HostileValues.quote("全省推进情况良好。"));
        body.put("metrics", "[{\"name\": \"PM2.5\", \"value\": 31.5, \"unit\": \"µg/m³\"}]");
        if (values.chance(0.1)) {
            body.put("provinceCode", HostileValues.quote(values.pick(PROVINCES)));
        }
        return body;
    }

    /** The body with one field made hostile, removed or added, or not JSON at all. */
    private String mutate(Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        List<String> names = new ArrayList<>(body.keySet());
        switch (values.below(8)) {
            case 0, 1, 2 -> body.put(values.pick(names), values.json());
            case 3 -> body.remove(values.pick(names));
            case 4 -> body.put(values.text(), values.json());
            case 5 -> {
                return values.text();
            }
            case 6 -> {
                String json = toJson(body);
                return json.substring(0, values.below(json.length()));
            }
            default -> body.put("metrics", "[{\"name\": " + values.json() + ", \"value\": " + values.json() + "}]");
        }
        return toJson(body);
    }

    private static String toJson(Map<String, String> body) {
        StringJoiner json = new StringJoiner(", ", "{", "}");
        body.forEach((name, value) -> json.add(HostileValues.quote(name) + ": " + value));
        return json.toString();
    }

    private String staleVersion() {
        return "\"" + (900_000 + values.below(1000)) + "\"";
    }

    /**
     * The hostile text, unless one of its comma-separated tags is {@code *} or a number, which could
     * match the resource's current version (a run's "1,5" once archived priority P3 at version 1): then
     * a stale version instead.
     */
    private String neverMatching(String hostile) {
        for (String tag : hostile.split(",")) {
            String value = tag.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals("*") || value.matches("[0-9]+")) {
                return staleVersion();
            }
        }
        return hostile;
    }

    private String ifMatch() {
        return values.chance(0.3) ? values.headerText() : "\"" + (1 + values.below(3)) + "\"";
    }

    private static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
