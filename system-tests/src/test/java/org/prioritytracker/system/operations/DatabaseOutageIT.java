package org.prioritytracker.system.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AcknowledgedWrites;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TopicReader;

/**
 * PostgreSQL stops while clients move items and submit reports, and starts again once every service
 * has said it is unready (at most {@link #LONGEST_OUTAGE}). Every answer is a 2xx, a 412 from an item
 * that moved, or a 503 with Retry-After and a problem body, never a 500; readiness goes DOWN within
 * {@link #NOTICED_WITHIN} of the stop and UP within 10 s of the database's return, liveness stays UP; a
 * report sent again under its Idempotency-Key after a 503 is stored once; every acknowledged write is
 * stored and on the topic once (repeats of a ce_id aside).
 *
 * <p>A stop rather than a restart: a restart can be over before a readiness probe runs, so whether
 * readiness went down would depend on the machine's speed.
 */
@ExtendWith(SystemStack.class)
class DatabaseOutageIT {

    private static final List<String> SERVICES =
            List.of(SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION);
    private static final List<String> PERIODS = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    private static final String JSON = "application/json; charset=UTF-8";
    private static final int WRITES_AFTER_THE_OUTAGE = 100;
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(3);
    private static final Duration LONGEST_OUTAGE = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Signed before the outage: the identity provider keeps its data in the same PostgreSQL. */
    private final String admin = Tokens.fresh("ministry-admin");

    private final String reviewer = Tokens.fresh("ministry-reviewer");
    private final Map<String, String> reporters = new HashMap<>();
    private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    private final AcknowledgedWrites acknowledged = new AcknowledgedWrites();
    private final AtomicInteger reportsSentAgain = new AtomicInteger();
    private final AtomicInteger made = new AtomicInteger();
    private final List<HealthSample> health = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private record HealthSample(long nanos, String service, String kind, int status) {}

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aDatabaseRestartIsAnsweredWith503AndReadinessAndNothingAcceptedIsLost() throws Exception {
        List<String> items = TaskApi.items();
        items.forEach(TaskApi::makeActive);
        // Eight bureaus from the end of the list: 130000's open obligations are DashboardBrowserIT's to count.
        List<String> bureaus = SeedBureaus.codes().stream()
                .filter(code -> !code.equals("130000"))
                .toList();
        List<String> provinces = bureaus.subList(bureaus.size() - 8, bureaus.size());
        provinces.forEach(province -> reporters.put(province, Tokens.fresh("provincial-reporter", province)));
        long stopBegan;
        long outageStart;
        long outageEnd;
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            ExecutorService clients = Executors.newFixedThreadPool(SERVICES.size() + 4);
            List<Future<?>> work = new ArrayList<>();
            try {
                SERVICES.forEach(service -> work.add(clients.submit(() -> sampleHealth(service))));
                for (int client = 0; client < 2; client++) {
                    int me = client;
                    work.add(clients.submit(() -> moveItems(items, me)));
                    work.add(clients.submit(() -> submitReports(items, provinces, me)));
                }
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> made.get() >= 100);
                stopBegan = System.nanoTime();
                try {
                    SystemStack.stopPostgres();
                    outageStart = System.nanoTime();
                    awaitEveryServiceUnready(stopBegan);
                } finally {
                    SystemStack.startPostgres();
                }
                outageEnd = System.nanoTime();
                int atReturn = made.get();
                Awaitility.await()
                        .atMost(Duration.ofMinutes(3))
                        .until(() -> made.get() >= atReturn + WRITES_AFTER_THE_OUTAGE);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> SERVICES.stream()
                                .allMatch(service -> firstAfter(service, "ready", 200, outageEnd) >= 0));
            } finally {
                running.set(false);
                clients.shutdown();
            }
            for (Future<?> client : work) {
                client.get(1, TimeUnit.MINUTES);
            }

            assertEquals(List.of(), wrongAnswers, "answers other than 2xx, 412 or a 503 problem with Retry-After");
            // How many requests met the outage as a 503 varies (most wait for a connection and succeed once the
            // database is back): the count is reported, and each 503 seen was checked above.
            for (String service : SERVICES) {
                long unready = firstAfter(service, "ready", 503, stopBegan);
                assertTrue(
                        unready >= 0 && unready <= outageStart + NOTICED_WITHIN.toNanos(),
                        service
                                + " was not reported unready within " + NOTICED_WITHIN
                                + " of the database's stop; readiness answers "
                                + readinessAround(service, stopBegan, outageEnd));
                long readyAgain = firstAfter(service, "ready", 200, outageEnd) - outageEnd;
                assertTrue(
                        readyAgain <= TimeUnit.SECONDS.toNanos(10),
                        service + " ready again only after " + readyAgain / 1e9 + " s");
                assertTrue(
                        health.stream()
                                .filter(s ->
                                        s.service().equals(service) && s.kind().equals("live"))
                                .allMatch(s -> s.status() == 200),
                        service + " was reported not live");
            }

            List<TopicReader.Received> records = topic.readUntil(acknowledged::allOnTopic, Duration.ofMinutes(2));
            for (Map.Entry<String, List<Long>> item : acknowledged.versions().entrySet()) {
                List<Long> sequences = TopicReader.deliveries(records, "/task-service", item.getKey())
                        .sequences();
                for (long version : item.getValue()) {
                    assertEquals(
                            1,
                            sequences.stream().filter(s -> s == version).count(),
                            "status change " + item.getKey() + " version " + version + " on the topic once");
                }
            }
            for (String id : acknowledged.reports()) {
                HttpResponse<String> read =
                        send(HttpRequest.newBuilder(URI.create(SystemStack.PROGRESS + "/api/reports/" + id))
                                .header("Authorization", "Bearer " + reviewer)
                                .GET());
                assertEquals(200, read.statusCode(), "report " + id);
            }
        }
        Map<String, String> noticed = new HashMap<>();
        for (String service : SERVICES) {
            noticed.put(
                    service,
                    String.format(
                            "unready %.1f s after the stop, ready %.1f s after the start",
                            (firstAfter(service, "ready", 503, stopBegan) - stopBegan) / 1e9,
                            (firstAfter(service, "ready", 200, outageEnd) - outageEnd) / 1e9));
        }
        System.out.printf(
                "database outage: %d writes, %d answered 503 %s, %d reports sent again under their key, "
                        + "an outage of %.1f s (%.1f s to stop): %s%n",
                made.get(),
                unavailable.values().stream().mapToInt(AtomicInteger::get).sum(),
                unavailable,
                reportsSentAgain.get(),
                (outageEnd - stopBegan) / 1e9,
                (outageStart - stopBegan) / 1e9,
                noticed);
    }

    /** Moves this client's items between IN_PROGRESS and AT_RISK, noting the versions of the 200s. */
    private void moveItems(List<String> items, int client) {
        List<String> mine = new ArrayList<>();
        for (int i = client; i < items.size(); i += 2) {
            mine.add(items.get(i));
        }
        for (int i = 0; running.get(); i++) {
            String item = mine.get(i % mine.size());
            HttpResponse<String> current =
                    send(HttpRequest.newBuilder(URI.create(SystemStack.TASK + "/api/items/" + item))
                            .header("Authorization", "Bearer " + admin)
                            .GET());
            if (!expected(SystemStack.TASK, current, 200)) {
                continue;
            }
            JsonPath state = JsonPath.from(current.body());
            String to = "IN_PROGRESS".equals(state.getString("status")) ? "AT_RISK" : "IN_PROGRESS";
            String body =
                    to.equals("AT_RISK") ? "{\"to\":\"AT_RISK\",\"reason\":\"数据库重启测试\"}" : "{\"to\":\"IN_PROGRESS\"}";
            HttpResponse<String> moved =
                    send(HttpRequest.newBuilder(URI.create(SystemStack.TASK + "/api/items/" + item + "/transitions"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", JSON)
                            .header("If-Match", "\"" + state.getLong("version") + "\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (expected(SystemStack.TASK, moved, 200, 412) && moved.statusCode() == 200) {
                acknowledged.version(item, JsonPath.from(moved.body()).getLong("version"));
                made.incrementAndGet();
            }
        }
    }

    /** Submits fresh reports; after a 503 the same report goes again under the same key until it is stored. */
    private void submitReports(List<String> items, List<String> provinces, int client) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int k = client; running.get(); k += 2) {
            String province = provinces.get(k % provinces.size());
            String item = items.get((k / provinces.size()) % items.size());
            String period = PERIODS.get((k / (provinces.size() * items.size())) % PERIODS.size());
            String body = ReportApi.body(item, period, k % 101, "数据库重启测试 " + run + " " + k);
            String key = UUID.randomUUID().toString();
            for (int attempt = 0; attempt < 30 && (running.get() || attempt > 0); attempt++) {
                HttpResponse<String> created =
                        send(HttpRequest.newBuilder(URI.create(SystemStack.PROGRESS + "/api/reports"))
                                .header("Authorization", "Bearer " + reporters.get(province))
                                .header("Content-Type", JSON)
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                if (attempt > 0) {
                    reportsSentAgain.incrementAndGet();
                }
                // 409: an earlier test of this stack reported on the same item and period for the province.
                if (!expected(SystemStack.PROGRESS, created, 201, 200, 409) || created.statusCode() == 409) {
                    if (created.statusCode() == 503) {
                        continue;
                    }
                    break;
                }
                acknowledged.report(JsonPath.from(created.body()).getString("id"));
                made.incrementAndGet();
                break;
            }
        }
    }

    /**
     * Whether the answer is one of {@code allowed}; a 503 is expected too while the database is away,
     * with Retry-After and a problem body, and the client then waits as told. Anything else is noted.
     */
    private boolean expected(String service, HttpResponse<String> response, int... allowed) {
        if (response == null) {
            return false;
        }
        for (int status : allowed) {
            if (response.statusCode() == status) {
                return true;
            }
        }
        String what = service + " " + response.request().method() + " "
                + response.request().uri().getPath() + ": "
                + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("") + " "
                + response.body().substring(0, Math.min(300, response.body().length()));
        if (response.statusCode() != 503) {
            wrongAnswers.add(what);
            return false;
        }
        unavailable.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
        String retryAfter = response.headers().firstValue("Retry-After").orElse("");
        if (!retryAfter.matches("\\d+")
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            wrongAnswers.add("503 without Retry-After or a problem body: " + what);
            return false;
        }
        waitAsTold(Integer.parseInt(retryAfter));
        return false;
    }

    /** A client that honours Retry-After, up to the test's own bound of two seconds. */
    private void waitAsTold(int seconds) {
        try {
            TimeUnit.SECONDS.sleep(Math.min(seconds, 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Readiness and liveness of one service, every 100 ms, until the clients stop; one thread a service. */
    private void sampleHealth(String service) {
        while (running.get()) {
            for (String kind : List.of("ready", "live")) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(service + "/q/health/" + kind))
                        .GET());
                health.add(
                        new HealthSample(System.nanoTime(), service, kind, answer == null ? -1 : answer.statusCode()));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Until every service has answered a readiness probe with 503, or {@link #LONGEST_OUTAGE} has passed. */
    private void awaitEveryServiceUnready(long since) {
        try {
            Awaitility.await()
                    .atMost(LONGEST_OUTAGE)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> SERVICES.stream().allMatch(service -> firstAfter(service, "ready", 503, since) >= 0));
        } catch (ConditionTimeoutException e) {
            // The assertions name the service that stayed ready, with its answers.
        }
    }

    /** When {@code service}'s {@code kind} probe first answered {@code status} after {@code after} (nanoTime), or -1. */
    private long firstAfter(String service, String kind, int status, long after) {
        return health.stream()
                .filter(s -> s.service().equals(service)
                        && s.kind().equals(kind)
                        && s.status() == status
                        && s.nanos() > after)
                .mapToLong(HealthSample::nanos)
                .min()
                .orElse(-1);
    }

    /** The service's readiness answers from a second before {@code from} to three after {@code to}, in ms from {@code from}. */
    private String readinessAround(String service, long from, long to) {
        return health.stream()
                .filter(s -> s.service().equals(service)
                        && s.kind().equals("ready")
                        && s.nanos() >= from - TimeUnit.SECONDS.toNanos(1)
                        && s.nanos() <= to + TimeUnit.SECONDS.toNanos(3))
                .map(s -> (s.nanos() - from) / 1_000_000 + " ms: " + s.status())
                .toList()
                .toString();
    }

    /** The answer, or null when the connection failed (the service itself is fine; a proxy would say 502). */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            wrongAnswers.add("no answer to " + request.build().uri() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
