package org.prioritytracker.system.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AcknowledgedWrites;
import org.prioritytracker.system.support.ReplicatedStack;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.TopicReader;

/**
 * Two instances of every service on a three-node Kafka cluster take a burst of 2,000 writes (status
 * changes and reports, spread over the instances) while one instance of each service, the capture's
 * leader among them, and one broker are killed with SIGKILL, then started again. Every write a client
 * saw succeed is stored and reaches the topic, each item's events in order. Redeliveries after the
 * faults are allowed as repeats of a ce_id; the test reports how many it saw.
 */
@ExtendWith(ReplicatedStack.class)
@EnabledIfSystemProperty(
        named = "tracker.stack.replicas",
        matches = "2",
        disabledReason = "runs in failsafe's execution 'replicas'")
class ReplicasUnderFaultsIT {

    private static final int STATUS_CHANGES = 1000;
    private static final int REPORTS = 1000;
    private static final int CLIENTS_PER_KIND = 3;
    private static final List<String> PERIODS = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    private static final Path REPORT = Path.of("target", "fault-tests.txt");
    private static final String JSON = "application/json; charset=UTF-8";

    private final FailoverClient tasks = new FailoverClient("task-service");
    private final FailoverClient progress = new FailoverClient("progress-service");
    private final String admin = Tokens.of("ministry-admin");
    /** Per item, the versions its 200 answers gave, in the order they were made (one client per item). */
    private final AcknowledgedWrites acknowledged = new AcknowledgedWrites();

    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger unknownOutcomes = new AtomicInteger();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void everyAcknowledgedWriteArrivesInOrderWhileAnInstanceOfEachServiceAndABrokerAreKilled() throws Exception {
        List<String> items =
                get(tasks, "/api/items?plan=2025&size=200", Tokens.of("viewer")).getList("items.code");
        List<String> provinces =
                get(tasks, "/api/provinces", Tokens.of("viewer")).getList("code");
        items.forEach(this::makeActive);
        List<String> killed = new ArrayList<>();
        long burstStart = System.nanoTime();
        try (TopicReader topic = new TopicReader(ReplicatedStack.KAFKA, SystemStack.TOPIC)) {
            ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_KIND);
            List<Future<?>> work = new ArrayList<>();
            try {
                for (int client = 0; client < CLIENTS_PER_KIND; client++) {
                    int me = client;
                    work.add(clients.submit(() -> changeStatuses(items, me)));
                    work.add(clients.submit(() -> submitReports(items, provinces, me)));
                }
                Awaitility.await()
                        .atMost(Duration.ofMinutes(5))
                        .until(() -> made.get() >= (STATUS_CHANGES + REPORTS) / 2);
                try {
                    killed.add(kill("task-service", 1));
                    killed.add(kill("progress-service", 1));
                    killed.add(kill("notification-service", captureLeader()));
                    ReplicatedStack.killBroker(1);
                    killed.add("Kafka node 1");
                    int atFault = made.get();
                    // The survivors carry the writes on their own for a while.
                    Awaitility.await()
                            .atMost(Duration.ofMinutes(5))
                            .until(() -> made.get() >= atFault + 300 || made.get() >= STATUS_CHANGES + REPORTS);
                } finally {
                    ReplicatedStack.up();
                }
                for (Future<?> task : work) {
                    task.get();
                }
            } finally {
                clients.shutdownNow();
            }
            double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
            assertEquals(STATUS_CHANGES, acknowledged.statusChanges() + unknownOutcomes.get());
            assertEquals(REPORTS, acknowledged.reports().size());

            List<TopicReader.Received> records = topic.readUntil(acknowledged::allOnTopic, Duration.ofMinutes(5));
            int duplicates = 0;
            for (String item : items) {
                TopicReader.Deliveries changes = TopicReader.deliveries(records, "/task-service", item);
                List<Long> expected = acknowledged.versionsOf(item);
                assertEquals(
                        expected,
                        changes.sequences().stream().filter(expected::contains).toList(),
                        "status changes of " + item + " in topic order");
                duplicates += changes.duplicates();
                duplicates += assertIncreasingPerItem(records, item);
            }
            assertStored(items);
            report(String.format(
                    "%-32s %d status changes and %d reports over %d instances in %.0f s; killed %s: every "
                            + "acknowledged write stored and on the topic in order per item, %d duplicates (repeated ce_id), %d writes "
                            + "of unknown outcome (answer lost, not counted as acknowledged), %d requests sent again elsewhere%n",
                    "replicas under kill -9:",
                    STATUS_CHANGES,
                    REPORTS,
                    3 * ReplicatedStack.REPLICAS,
                    burstSeconds,
                    killed,
                    duplicates,
                    unknownOutcomes.get(),
                    tasks.failovers() + progress.failovers()));
        }
    }

    /** One client's share of the status changes, over the items that are its alone. */
    private void changeStatuses(List<String> items, int client) {
        List<String> mine = new ArrayList<>();
        for (int i = client; i < items.size(); i += CLIENTS_PER_KIND) {
            mine.add(items.get(i));
        }
        for (int i = 0;
                i < STATUS_CHANGES / CLIENTS_PER_KIND + (client < STATUS_CHANGES % CLIENTS_PER_KIND ? 1 : 0);
                i++) {
            toggle(mine.get(i % mine.size()));
            made.incrementAndGet();
        }
    }

    /**
     * Moves the item between IN_PROGRESS and AT_RISK; records the version when the answer is a 200.
     * A 412 to a change sent once means someone else (the overdue check) moved the item: read it and
     * try again. A 412 to a change sent again after a lost answer means the first was stored: its
     * outcome is unknown to the client, as it would be to any.
     */
    private void toggle(String item) {
        for (int attempt = 0; attempt < 10; attempt++) {
            JsonPath current = get(tasks, "/api/items/" + item, admin);
            String to = "IN_PROGRESS".equals(current.getString("status")) ? "AT_RISK" : "IN_PROGRESS";
            String body =
                    to.equals("AT_RISK") ? "{\"to\":\"AT_RISK\",\"reason\":\"副本故障测试\"}" : "{\"to\":\"IN_PROGRESS\"}";
            FailoverClient.Answer answer =
                    tasks.sendTracked(base -> FailoverClient.to(base, "/api/items/" + item + "/transitions")
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", JSON)
                            .header("If-Match", "\"" + current.getLong("version") + "\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            HttpResponse<String> moved = answer.response();
            if (moved.statusCode() == 200) {
                acknowledged.version(item, JsonPath.from(moved.body()).getLong("version"));
                return;
            }
            if (moved.statusCode() != 412) {
                throw new AssertionError("Moving " + item + ": " + moved.statusCode() + " " + moved.body());
            }
            if (answer.resent()) {
                unknownOutcomes.incrementAndGet();
                return;
            }
        }
        throw new AssertionError("No move of " + item + " went through in 10 attempts");
    }

    /** One client's share of the reports: each a fresh province × item × quarter, under its own key. */
    private void submitReports(List<String> items, List<String> provinces, int client) {
        for (int k = client; k < REPORTS; k += CLIENTS_PER_KIND) {
            String province = provinces.get(k % provinces.size());
            String item = items.get((k / provinces.size()) % items.size());
            String period = PERIODS.get(k / (provinces.size() * items.size()));
            String body = ReportApi.body(item, period, k % 101, "副本故障测试 " + k);
            String key = UUID.randomUUID().toString();
            String reporter = Tokens.of("provincial-reporter", province);
            HttpResponse<String> created = progress.send(base -> FailoverClient.to(base, "/api/reports")
                    .header("Authorization", "Bearer " + reporter)
                    .header("Content-Type", JSON)
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            // 201, or the stored answer replayed for a key sent again after a lost answer.
            assertTrue(
                    created.statusCode() == 201 || created.statusCode() == 200,
                    created.statusCode() + " " + created.body());
            acknowledged.report(JsonPath.from(created.body()).getString("id"));
            made.incrementAndGet();
        }
    }

    /**
     * The report events of an item, first deliveries in topic order, carry increasing numbers (the
     * capture numbers them in commit order); returns how many repeats of a ce_id were dropped.
     */
    private static int assertIncreasingPerItem(List<TopicReader.Received> records, String item) {
        Map<String, TopicReader.Received> first = new LinkedHashMap<>();
        int repeats = 0;
        for (TopicReader.Received record : records) {
            if ("/progress-service".equals(record.header("ce_source")) && item.equals(record.header("ce_subject"))) {
                if (first.putIfAbsent(record.id(), record) != null) {
                    repeats++;
                }
            }
        }
        long previous = 0;
        for (TopicReader.Received record : first.values()) {
            assertTrue(
                    record.sequence() > previous,
                    () -> "report events of " + item + " out of order (sequence "
                            + "partition:offset arrival, first deliveries): "
                            + first.values().stream()
                                    .map(r -> r.sequence() + " " + r.where())
                                    .toList());
            previous = record.sequence();
        }
        return repeats;
    }

    /** Every acknowledged report can be read back, and every item is at least at its last acknowledged version. */
    private void assertStored(List<String> items) {
        String reviewer = Tokens.of("ministry-reviewer");
        for (String id : acknowledged.reports()) {
            HttpResponse<String> read = progress.send(base -> FailoverClient.to(base, "/api/reports/" + id)
                    .header("Authorization", "Bearer " + reviewer)
                    .GET());
            assertEquals(200, read.statusCode(), "report " + id);
        }
        for (String item : items) {
            List<Long> versions = acknowledged.versionsOf(item);
            if (!versions.isEmpty()) {
                long stored = get(tasks, "/api/items/" + item, admin).getLong("version");
                assertTrue(stored >= versions.get(versions.size() - 1), item + " is at version " + stored);
            }
        }
    }

    private void makeActive(String item) {
        for (int step = 0; step < 4; step++) {
            JsonPath current = get(tasks, "/api/items/" + item, admin);
            if ("IN_PROGRESS".equals(current.getString("status"))) {
                return;
            }
            List<String> next = current.getList("nextStates");
            String to = next.contains("IN_PROGRESS") ? "IN_PROGRESS" : next.get(0);
            HttpResponse<String> moved = tasks.send(base -> FailoverClient.to(
                            base, "/api/items/" + item + "/transitions")
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", JSON)
                    .header("If-Match", "\"" + current.getLong("version") + "\"")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to + "\",\"reason\":\"副本故障测试准备\"}")));
            assertEquals(200, moved.statusCode(), moved.body());
        }
        throw new AssertionError(item + " did not reach IN_PROGRESS");
    }

    private static JsonPath get(FailoverClient client, String path, String token) {
        HttpResponse<String> response = client.send(base -> FailoverClient.to(base, path)
                .header("Authorization", "Bearer " + token)
                .GET());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JsonPath.from(response.body());
    }

    /** Which notification-service instance runs the capture now. */
    private static int captureLeader() {
        for (int instance = 0; instance < ReplicatedStack.REPLICAS; instance++) {
            String readiness = RestAssured.get(
                            ReplicatedStack.url("notification-service", instance) + "/q/health/ready")
                    .asString();
            if (readiness.contains("\"LEADING\"")) {
                return instance;
            }
        }
        throw new AssertionError("No notification-service instance runs the capture");
    }

    private static String kill(String service, int instance) {
        String name = ReplicatedStack.instanceName(service, instance);
        SystemStack.kill(name);
        return name;
    }

    private static void report(String line) throws IOException {
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
