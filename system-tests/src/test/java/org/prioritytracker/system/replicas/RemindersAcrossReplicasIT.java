package org.prioritytracker.system.replicas;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AsyncApiContract;
import org.prioritytracker.system.support.EventStreamReader;
import org.prioritytracker.system.support.ReplicatedStack;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.Scripts;
import org.prioritytracker.testsupport.TopicReader;

/**
 * Report reminders as a ministry sees them with two instances of progress-service checking every few
 * seconds: a plan whose calendar put a period's deadline three days ago gets one
 * {@code tracker.report.late} per active bureau and item not reported, on the topic (valid against the
 * AsyncAPI document) and on that bureau's stream only; later runs of both instances add none. A
 * bureau the ministry has deactivated is not reminded.
 *
 * <p>The services run on the real clock, so the plan is this year's (or last year's in January): its
 * calendar is monthly, and its deadline days are chosen from today so that the month before last
 * month's deadline (Beijing time) was three days ago. A day's skew either way stays inside the late
 * window. This stack's other test reads the 2025 plan by year, so the new current plan does not
 * disturb it.
 */
@ExtendWith(ReplicatedStack.class)
@EnabledIfSystemProperty(
        named = "tracker.stack.replicas",
        matches = "2",
        disabledReason = "runs in failsafe's execution 'replicas'")
class RemindersAcrossReplicasIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String LATE = "tracker.report.late";
    private static final String HEBEI = "130000";
    private static final String SICHUAN = "510000";
    private static final String XPCC = "660000";
    private static final String XINJIANG = "650000";
    private static final int BUREAUS = 32;
    private static final Pattern CHECKS =
            Pattern.compile("(?m)^tracker_reminders_checks_total(?:\\{[^}]*})? ([0-9.E]+)$");
    private static final String JSON = "application/json; charset=UTF-8";
    private final ObjectMapper json = new ObjectMapper();
    private final String admin = Tokens.of("ministry-admin");

    @Test
    void aLatePeriodIsRemindedOncePerBureauAndItemOnTheTopicAndOnEachBureausOwnStream() throws IOException {
        LocalDate today = LocalDate.now(BEIJING);
        YearMonth period = YearMonth.from(today.minusDays(3)).minusMonths(1);
        int deadlineDays = (int) ChronoUnit.DAYS.between(period.atEndOfMonth(), today) - 3;
        int plan = period.getYear();
        List<String> items = importPlan(plan);
        Set<String> expected = new HashSet<>();
        for (String province : provinces()) {
            items.forEach(item -> expected.add(province + "|" + item));
        }
        // Each bureau below reports one item: it is not reminded of that one.
        expected.remove(HEBEI + "|" + items.get(0));
        expected.remove(SICHUAN + "|" + items.get(1));
        // A deactivated bureau is not reminded (though it still owes last month: it was due before).
        items.forEach(item -> expected.remove(XINJIANG + "|" + item));
        assertEquals((BUREAUS - 1) * items.size() - 2, expected.size());

        AsyncApiContract contract = AsyncApiContract.fetch(ReplicatedStack.url("notification-service", 0));
        try (TopicReader topic = new TopicReader(ReplicatedStack.KAFKA, SystemStack.TOPIC);
                EventStreamReader hebei = EventStreamReader.open(
                        ReplicatedStack.url("notification-service", 0), Tokens.of("provincial-reporter", HEBEI));
                EventStreamReader sichuan = EventStreamReader.open(
                        ReplicatedStack.url("notification-service", 1), Tokens.of("provincial-reporter", SICHUAN))) {
            submit(HEBEI, items.get(0), period.toString(), 0);
            submit(SICHUAN, items.get(1), period.toString(), 1);
            deactivate(XINJIANG, plan);
            setMonthlyCalendar(plan, deadlineDays);

            List<TopicReader.Received> reminders = lateReminders(
                    topic.readUntil(
                            records -> remindedPairs(lateReminders(records, period))
                                    .containsAll(expected),
                            Duration.ofMinutes(3)),
                    period);
            // Both instances check twice more, then a report marks the end of what their checks wrote.
            Map<Integer, Double> checks = checks();
            Awaitility.await("two more checks on each instance")
                    .atMost(Duration.ofMinutes(1))
                    .until(() ->
                            checks().entrySet().stream().allMatch(e -> e.getValue() >= checks.get(e.getKey()) + 2));
            String marker = submit(XPCC, items.get(2), period.toString(), 0);
            List<TopicReader.Received> all = topic.readUntil(
                    records -> records.stream().anyMatch(r -> reportId(r).equals(marker)), Duration.ofMinutes(1));
            reminders = lateReminders(all, period);
            TopicReader.Received deactivation = all.stream()
                    .filter(r -> "tracker.province.deactivated".equals(r.header("ce_type")))
                    .findFirst()
                    .orElseThrow();
            assertEquals(XINJIANG, deactivation.header("ce_subject"));
            assertTrue(
                    contract.check(deactivation).isEmpty(), "against asyncapi.yaml: " + contract.check(deactivation));

            assertEquals(expected, remindedPairs(reminders), "every bureau's unreported items, and nothing else");
            assertEquals(
                    expected.size(),
                    reminders.size(),
                    "one reminder each, whichever instance sent it and however often they checked");
            assertEquals(
                    expected.size(),
                    reminders.stream().map(TopicReader.Received::id).distinct().count());
            for (TopicReader.Received reminder : reminders) {
                JsonNode data = json.readTree(reminder.value());
                assertEquals(
                        data.get("provinceCode").asText(),
                        reminder.header("ce_province"),
                        "reminders are province data");
                assertEquals(plan, data.get("planYear").asInt());
                var problems = contract.check(reminder);
                assertTrue(problems.isEmpty(), reminder.id() + " against asyncapi.yaml: " + problems);
            }

            assertOwnReminders(hebei, HEBEI, period, items.size() - 1);
            assertOwnReminders(sichuan, SICHUAN, period, items.size() - 1);
        }
    }

    /** A bureau's stream brings its own reminders, one per item it owes, and no other bureau's. */
    private static void assertOwnReminders(EventStreamReader stream, String province, YearMonth period, int owed) {
        Awaitility.await(province + "'s reminders on its stream")
                .atMost(Duration.ofSeconds(30))
                .until(() -> remindersOn(stream, period).size() >= owed);
        List<JsonNode> reminders = remindersOn(stream, period);
        assertEquals(owed, reminders.size(), province + "'s stream: " + reminders);
        assertTrue(
                reminders.stream()
                        .allMatch(e -> province.equals(e.get("province").asText())
                                && province.equals(
                                        e.get("data").get("provinceCode").asText())),
                province + "'s stream: " + reminders);
    }

    private static List<JsonNode> remindersOn(EventStreamReader stream, YearMonth period) {
        return stream.events().stream()
                .filter(e -> LATE.equals(e.path("type").asText())
                        && period.toString()
                                .equals(e.path("data").path("period").asText()))
                .toList();
    }

    private List<TopicReader.Received> lateReminders(List<TopicReader.Received> records, YearMonth period) {
        return records.stream()
                .filter(r -> LATE.equals(r.header("ce_type")))
                .filter(r -> {
                    try {
                        return period.toString()
                                .equals(json.readTree(r.value()).path("period").asText());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    private Set<String> remindedPairs(List<TopicReader.Received> reminders) {
        return reminders.stream()
                .map(r -> r.header("ce_province") + "|" + r.header("ce_subject"))
                .collect(Collectors.toSet());
    }

    private String reportId(TopicReader.Received record) {
        if (!"tracker.report.submitted".equals(record.header("ce_type"))) {
            return "";
        }
        try {
            return json.readTree(record.value()).path("reportId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The example plan moved to {@code year}, imported through the API; returns its items' codes. */
    private List<String> importPlan(int year) throws IOException {
        String example = Files.readString(Scripts.ROOT.resolve("seeds/examples/plan-2026.json"))
                .replace("2026", String.valueOf(year));
        given().auth()
                .oauth2(admin)
                .contentType(JSON)
                .body(example)
                .post(ReplicatedStack.url("task-service", 0) + "/api/plans/import")
                .then()
                .statusCode(201);
        List<String> items = given().auth()
                .oauth2(admin)
                .get(ReplicatedStack.url("task-service", 1) + "/api/items?plan=" + year)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.code");
        assertEquals(3, items.size(), "the example plan's sub-items");
        // Both progress-service instances know the plan once its events have reached them.
        for (int instance = 0; instance < ReplicatedStack.REPLICAS; instance++) {
            String url = ReplicatedStack.url("progress-service", instance) + "/api/calendars/" + year;
            Awaitility.await("progress-service " + instance + " knows plan " + year)
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> given().auth().oauth2(admin).get(url).statusCode() == 200);
        }
        return items;
    }

    private List<String> provinces() {
        List<String> provinces = given().auth()
                .oauth2(admin)
                .get(ReplicatedStack.url("task-service", 0) + "/api/provinces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code");
        assertEquals(BUREAUS, provinces.size());
        return provinces;
    }

    private static String submit(String province, String item, String period, int instance) {
        return given().auth()
                .oauth2(Tokens.of("provincial-reporter", province))
                .contentType(JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"itemCode": "%s", "period": "%s", "percentComplete": 50, "status": "ON_TRACK",
                         "narrative": "提醒测试：已按期报送"}""".formatted(item, period))
                .post(ReplicatedStack.url("progress-service", instance) + "/api/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Deactivates the bureau, and waits until both progress-service instances leave it out (through its event). */
    private void deactivate(String province, int plan) {
        given().auth()
                .oauth2(admin)
                .contentType(JSON)
                .header("If-Match", "\"1\"")
                .body("{\"reason\": \"提醒测试：暂停报送\"}")
                .post(ReplicatedStack.url("task-service", 1) + "/api/provinces/" + province + "/deactivate")
                .then()
                .statusCode(200);
        for (int instance = 0; instance < ReplicatedStack.REPLICAS; instance++) {
            String url = ReplicatedStack.url("progress-service", instance) + "/api/rollups/timeliness?plan=" + plan;
            Awaitility.await("progress-service " + instance + " leaves " + province + " out")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> !given().auth()
                            .oauth2(admin)
                            .get(url)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getBoolean("bureaus.find { it.provinceCode == '" + province + "' }.active"));
        }
    }

    private void setMonthlyCalendar(int plan, int deadlineDays) {
        given().auth()
                .oauth2(admin)
                .contentType(JSON)
                .header("If-Match", "\"0\"")
                .body("{\"cadence\": \"MONTHLY\", \"deadlineDays\": " + deadlineDays + ", \"reminderDays\": 0}")
                .put(ReplicatedStack.url("progress-service", 1) + "/api/calendars/" + plan)
                .then()
                .statusCode(200);
    }

    /** Per progress-service instance, how many reminder checks have finished. */
    private Map<Integer, Double> checks() {
        Map<Integer, Double> checks = new HashMap<>();
        for (int instance = 0; instance < ReplicatedStack.REPLICAS; instance++) {
            String metrics = given().auth()
                    .oauth2(admin)
                    .get(ReplicatedStack.url("progress-service", instance) + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            Matcher matcher = CHECKS.matcher(metrics);
            checks.put(instance, matcher.find() ? Double.parseDouble(matcher.group(1)) : 0);
        }
        return checks;
    }
}
