package org.prioritytracker.notification.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.testsupport.TestBroker;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;
import org.prioritytracker.testsupport.TopicReader;

/** Rows committed to the sources' outbox tables reach the topic, in order, as CloudEvents in binary mode. */
@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class CaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventNumbers numbers;

    private final ObjectMapper json = new ObjectMapper();

    /** The tests run the queue class that the packaged service runs (libs/debezium-patches), not Debezium's own. */
    @Test
    void theConnectorRunsThePatchedQueue() {
        assertTrue(CaptureQueue.loaded().startsWith("patched copy of Debezium "), CaptureQueue.loaded());
        given().get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'Outbox capture' }.data.queue", equalTo(CaptureQueue.loaded()));
    }

    @Test
    void aCommittedRowIsOnTheTopicAsABinaryModeCloudEventKeyedBySubject() throws Exception {
        CaptureSources.Row row = Rows.statusChanged("P3.2", 7);
        try (TopicReader topic = reader()) {
            CaptureSources.write(CaptureSources.TASKS, row);
            TopicReader.Received received =
                    topic.readUntil(r -> r.stream().anyMatch(x -> row.id().equals(x.id())), WAIT).stream()
                            .filter(x -> row.id().equals(x.id()))
                            .findFirst()
                            .orElseThrow();

            assertEquals("P3.2", received.record().key());
            assertEquals("1.0", received.header("ce_specversion"));
            assertEquals("/task-service", received.header("ce_source"));
            assertEquals("tracker.item.status-changed", received.header("ce_type"));
            assertEquals("P3.2", received.header("ce_subject"));
            assertEquals("7", received.header("ce_sequence"));
            assertEquals("application/json", received.header("content-type"));
            // The event's time is its transaction's commit, a moment after the row was written.
            Instant committed = Instant.parse(received.header("ce_time"));
            assertFalse(committed.isBefore(row.time()), committed + " before " + row.time());
            assertTrue(committed.isBefore(row.time().plusSeconds(10)));
            assertEquals(
                    "持续深入推进碧水保卫战",
                    json.readTree(received.record().value()).get("titleZh").asText());

            // What a dashboard built on the CloudEvents Java SDK sees.
            CloudEvent event =
                    KafkaMessageFactory.createReader(received.record()).toEvent();
            assertEquals(row.id(), event.getId());
            assertEquals("tracker.item.status-changed", event.getType());
            assertEquals("7", String.valueOf(event.getExtension("sequence")));
            assertEquals(
                    "IN_PROGRESS",
                    json.readTree(event.getData().toBytes()).get("to").asText());
        }
        // Late joiners read the same event from the event log.
        JsonPath page = given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/events?subject=P3.2&limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(page.getList("events.id").contains(row.id()));
    }

    /** Each stage from commit to topic has a histogram in /q/metrics, with a bucket at each target (5 and 25 ms). */
    @Test
    void aCapturedEventIsTimedStageByStageInTheMetrics() {
        CaptureSources.Row row = Rows.statusChanged("P3.3", 2);
        try (TopicReader topic = reader()) {
            CaptureSources.write(CaptureSources.TASKS, row);
            topic.readUntil(r -> r.stream().anyMatch(x -> row.id().equals(x.id())), WAIT);
        }
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String stage : List.of("decoding", "queue", "numbering", "send", "bookkeeping")) {
            assertTrue(
                    count(metrics, "tracker_capture_stage_seconds_count\\{[^}]*stage=\"" + stage + "\"[^}]*}") > 0,
                    stage);
        }
        assertTrue(count(metrics, "tracker_capture_commit_to_topic_seconds_count\\{[^}]*}") > 0, "commit to topic");
        for (String bound : List.of("0.005", "0.025")) {
            assertTrue(
                    metrics.contains("tracker_capture_stage_seconds_bucket{le=\"" + bound + "\"")
                            || metrics.matches("(?s).*tracker_capture_stage_seconds_bucket\\{[^}]*le=\""
                                    + bound.replace(".", "\\.") + "\".*"),
                    bound);
        }
    }

    /** The sum of the samples of a metric whose name and labels match {@code series}. */
    private static double count(String metrics, String series) {
        return metrics.lines()
                .filter(line -> line.matches(series + " .*"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void eachSubjectsEventsArriveInSequenceOrderFromBothSources() {
        List<String> subjects = List.of("P1.1", "P2.2", "P4.4");
        try (TopicReader topic = reader()) {
            for (int sequence = 1; sequence <= 30; sequence++) {
                List<CaptureSources.Row> tasks = new ArrayList<>();
                List<CaptureSources.Row> progress = new ArrayList<>();
                for (String subject : subjects) {
                    tasks.add(Rows.statusChanged(subject, sequence));
                    progress.add(Rows.reportSubmitted(subject, sequence, "130000"));
                }
                CaptureSources.write(CaptureSources.TASKS, tasks, true);
                CaptureSources.write(CaptureSources.PROGRESS, progress, true);
            }
            List<TopicReader.Received> records = topic.readAtLeast(2 * 30 * subjects.size(), WAIT);
            List<Long> expected = new ArrayList<>();
            for (long sequence = 1; sequence <= 30; sequence++) {
                expected.add(sequence);
            }
            for (String subject : subjects) {
                for (String source : List.of("/task-service", "/progress-service")) {
                    TopicReader.Deliveries deliveries = TopicReader.deliveries(records, source, subject);
                    assertEquals(expected, deliveries.sequences(), source + " " + subject);
                    assertEquals(0, deliveries.duplicates(), "no duplicates in normal operation");
                }
            }
            TopicReader.Received report = records.stream()
                    .filter(r -> "/progress-service".equals(r.header("ce_source")))
                    .findFirst()
                    .orElseThrow();
            assertEquals("130000", report.header("ce_province"), "extensions travel as ce_ headers");
        }
    }

    /**
     * Rows written without a number (progress-service's) are numbered by the capture in commit order,
     * one after another per subject, also by transactions that run at once; a restart goes on from
     * the last number given, whatever the process remembered.
     */
    @Test
    void unnumberedRowsAreNumberedInCommitOrderWithoutGapsAndAcrossARestart() throws Exception {
        String subject = "P9.9";
        List<CaptureSources.Row> sequential = new ArrayList<>();
        try (TopicReader topic = reader()) {
            for (int i = 0; i < 10; i++) {
                CaptureSources.Row row = Rows.reportSubmittedUnnumbered(subject, "440000");
                CaptureSources.write(CaptureSources.PROGRESS, row);
                sequential.add(row);
            }
            ExecutorService writers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    writes.add(writers.submit(() -> CaptureSources.write(
                            CaptureSources.PROGRESS, Rows.reportSubmittedUnnumbered(subject, "440000"))));
                }
                for (Future<?> write : writes) {
                    write.get(30, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            numbers.forget();
            CaptureSources.Row afterRestart = Rows.reportSubmittedUnnumbered(subject, "440000");
            CaptureSources.write(CaptureSources.PROGRESS, afterRestart);

            List<TopicReader.Received> records = topic.readUntil(
                    r -> r.stream().anyMatch(x -> afterRestart.id().equals(x.id())), WAIT);
            TopicReader.Deliveries deliveries = TopicReader.deliveries(records, "/progress-service", subject);
            List<Long> given = deliveries.sequences();
            assertEquals(51, given.size());
            long first = given.get(0);
            assertEquals(
                    LongStream.range(first, first + 51).boxed().toList(), given, "consecutive, in order of arrival");
            assertEquals(
                    sequential.stream().map(CaptureSources.Row::id).toList(),
                    deliveries.unique().subList(0, 10).stream()
                            .map(TopicReader.Received::id)
                            .toList(),
                    "in commit order");
            assertEquals(0, deliveries.duplicates());
        }
    }

    @Test
    void aRolledBackRowNeverLeaves() {
        CaptureSources.Row rolledBack = Rows.statusChanged("P5.5", 1);
        CaptureSources.Row committed = Rows.statusChanged("P5.5", 2);
        try (TopicReader topic = reader()) {
            CaptureSources.write(CaptureSources.TASKS, List.of(rolledBack), false);
            CaptureSources.write(CaptureSources.TASKS, committed);
            List<TopicReader.Received> records =
                    topic.readUntil(r -> r.stream().anyMatch(x -> committed.id().equals(x.id())), WAIT);
            assertTrue(records.stream().noneMatch(x -> rolledBack.id().equals(x.id())));
        }
    }

    @Test
    void anEventTooLargeForTheTopicGoesToTheDeadLettersAndHoldsNothingBack() {
        String big = "{\"text\": \"" + "x".repeat(1_500_000) + "\"}";
        CaptureSources.Row poison =
                CaptureSources.Row.of("/task-service", "tracker.item.status-changed", "P6.6", 1L, big);
        CaptureSources.Row unreadable = Rows.statusChanged("P6.6", 2).withExtensions("[1, 2]");
        CaptureSources.Row after = Rows.statusChanged("P6.6", 3);
        try (TopicReader topic = reader()) {
            CaptureSources.write(CaptureSources.TASKS, poison);
            CaptureSources.write(CaptureSources.TASKS, unreadable);
            Instant written = Instant.now();
            CaptureSources.write(CaptureSources.TASKS, after);
            List<TopicReader.Received> records =
                    topic.readUntil(r -> r.stream().anyMatch(x -> after.id().equals(x.id())), Duration.ofSeconds(5));
            assertTrue(Duration.between(written, records.get(records.size() - 1).at())
                            .toMillis()
                    < 5_000);
            assertTrue(records.stream()
                    .noneMatch(
                            x -> poison.id().equals(x.id()) || unreadable.id().equals(x.id())));
        }
        String admin = TestTokens.forRole("ministry-admin");
        JsonPath letters = given().auth()
                .oauth2(admin)
                .get("/api/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(letters.getList("id").contains(poison.id()));
        assertTrue(letters.getList("id").contains(unreadable.id()));
        given().get("/q/health/ready")
                .then()
                .body(
                        "checks.find { it.name == 'Outbox capture' }.data.warnings",
                        org.hamcrest.Matchers.containsString("dead letters"));

        int position = letters.getInt("find { it.id == '" + poison.id() + "' }.position");
        given().auth()
                .oauth2(admin)
                .post("/api/dead-letters/" + position + "/replay")
                .then()
                .statusCode(422)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        given().auth()
                .oauth2(admin)
                .get("/api/dead-letters/" + position)
                .then()
                .statusCode(200)
                .body("id", equalTo(poison.id()))
                .body("subject", equalTo("P6.6"));
        given().auth()
                .oauth2(admin)
                .delete("/api/dead-letters/" + position)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin)
                .delete("/api/dead-letters/" + position)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/dead-letters")
                .then()
                .statusCode(403);
    }

    @Test
    void whileKafkaIsDownRowsWaitAndArriveInOrderWhenItIsBack() {
        try (TopicReader topic = reader()) {
            List<CaptureSources.Row> rows = new ArrayList<>();
            TestBroker.stop();
            try {
                for (int sequence = 1; sequence <= 20; sequence++) {
                    CaptureSources.Row row = Rows.statusChanged("P7.1", sequence);
                    rows.add(row);
                    CaptureSources.write(CaptureSources.TASKS, row);
                }
                org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                    JsonPath health = given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .extract()
                            .jsonPath();
                    assertEquals(
                            "DOWN",
                            health.getString("checks.find { it.name == 'Kafka connection health check' }.status"));
                });
            } finally {
                TestBroker.start();
            }
            List<TopicReader.Received> records = topic.readUntil(
                    r -> TopicReader.deliveries(r, "/task-service", "P7.1")
                                    .unique()
                                    .size()
                            >= 20,
                    Duration.ofSeconds(60));
            assertEquals(
                    rows.stream().map(CaptureSources.Row::sequence).toList(),
                    TopicReader.deliveries(records, "/task-service", "P7.1").sequences());
        }
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItem("Kafka connection health check")));
    }

    private static TopicReader reader() {
        return new TopicReader(TestBroker.BOOTSTRAP, TestBroker.TOPIC);
    }
}
