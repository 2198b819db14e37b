package org.prioritytracker.notification.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.stream.StreamConfig;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.notification.support.SseClient;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;

/** A provincial bureau reads item events and its own province's report events, from every door, and nothing else. */
@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class ProvinceScopeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @TestHTTPResource("/api/events/stream")
    URL stream;

    @Inject
    MutableClock clock;

    @Inject
    StreamConfig limits;

    /** A subject of this run alone, so that events of earlier runs do not count. */
    private static String freshSubject() {
        return "P9." + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    @Test
    void everyBureauReadsOnlyItsOwnReportEventsFromTheEventLog() {
        String subject = freshSubject();
        List<String> bureaus = SeedBureaus.codes();
        assertEquals(32, bureaus.size());
        List<CaptureSources.Row> reports = new ArrayList<>();
        for (int i = 0; i < bureaus.size(); i++) {
            reports.add(Rows.reportSubmitted(subject, i + 2, bureaus.get(i)));
        }
        CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 1));
        CaptureSources.write(CaptureSources.PROGRESS, reports.toArray(CaptureSources.Row[]::new));
        await().atMost(WAIT)
                .until(() -> events(TestTokens.forRole("viewer"), subject).size() == 33);

        for (String bureau : bureaus) {
            List<JsonNode> seen = events(TestTokens.forReporter(bureau), subject);
            assertEquals(2, seen.size(), bureau + " sees the item event and its own report: " + seen);
            // Each source has an engine of its own: the log's order across the two is not their commits' order.
            assertEquals(
                    List.of("tracker.item.status-changed", "tracker.report.submitted"),
                    seen.stream()
                            .map(event -> event.get("type").asText())
                            .sorted()
                            .toList(),
                    bureau + ": " + seen);
            JsonNode report = seen.stream()
                    .filter(event -> event.get("type").asText().equals("tracker.report.submitted"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(bureau, report.get("province").asText());
            assertEquals(bureau, report.at("/data/provinceCode").asText());
            // The bureau's approver is confined to its province as its officers are.
            assertEquals(seen, events(TestTokens.forApprover(bureau), subject), bureau + "'s approver");
        }
        for (String role : List.of("viewer", "ministry-admin", "ministry-reviewer")) {
            assertEquals(33, events(TestTokens.forRole(role), subject).size(), role + " sees every province");
        }
        given().auth()
                .oauth2(TestTokens.forReporterWithoutProvince())
                .get("/api/events")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aReportersStreamCarriesItemEventsAndItsOwnReportsOnly() throws Exception {
        String subject = freshSubject();
        try (SseClient hebei = SseClient.open(stream + "?subject=" + subject, TestTokens.forReporter("130000"), null);
                SseClient jiangsu =
                        SseClient.open(stream + "?subject=" + subject, TestTokens.forReporter("320000"), null);
                SseClient jiangsuApprover =
                        SseClient.open(stream + "?subject=" + subject, TestTokens.forApprover("320000"), null);
                SseClient viewer = SseClient.open(stream + "?subject=" + subject, TestTokens.forRole("viewer"), null)) {
            for (SseClient client : List.of(hebei, jiangsu, jiangsuApprover, viewer)) {
                assertEquals(200, client.status());
                client.next(1, "stream-position", WAIT);
            }
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 1));
            CaptureSources.write(
                    CaptureSources.PROGRESS,
                    Rows.reportSubmitted(subject, 2, "320000"),
                    Rows.reportSubmitted(subject, 3, "130000"));
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 4));

            // Item and report events come from two services, so only their sets (not their interleaving) are fixed.
            assertEquals(List.of(1L, 3L, 4L), sorted(sequences(hebei.next(3, "message", WAIT))));
            assertEquals(List.of(1L, 2L, 4L), sorted(sequences(jiangsu.next(3, "message", WAIT))));
            assertEquals(List.of(1L, 2L, 4L), sorted(sequences(jiangsuApprover.next(3, "message", WAIT))));
            assertEquals(List.of(1L, 2L, 3L, 4L), sorted(sequences(viewer.next(4, "message", WAIT))));
            assertFalse(hebei.anyWithin("message", Duration.ofMillis(300)), "nothing of another province");
        }
    }

    @Test
    void oneCallerHoldsAFewStreamsAndNoMore() throws Exception {
        String token = TestTokens.forReporter("440000");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < limits.maxStreamsPerCaller(); i++) {
                SseClient client = SseClient.open(stream.toString(), token, null);
                open.add(client);
                assertEquals(200, client.status());
                client.next(1, "stream-position", WAIT);
            }
            given().cookie("tracker_token", token)
                    .accept("text/event-stream")
                    .get(stream)
                    .then()
                    .statusCode(429)
                    .header("Retry-After", equalTo("5"))
                    .contentType(startsWith("application/problem+json"));
            try (SseClient other = SseClient.open(stream.toString(), TestTokens.forReporter("450000"), null)) {
                assertEquals(200, other.status(), "another caller still gets a stream");
            }
            open.remove(0).close();
            // The slot frees once the server notices the closed connection (at its next write).
            await().atMost(WAIT).until(() -> {
                try (SseClient again = SseClient.open(stream.toString(), token, null)) {
                    return again.status() == 200;
                }
            });
        } finally {
            for (SseClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        Instant expiry = Instant.now().plus(Duration.ofMinutes(10));
        try (SseClient client = SseClient.open(stream.toString(), TestTokens.forReporter("460000", expiry), null)) {
            assertEquals(200, client.status());
            client.next(1, "stream-position", WAIT);
            assertFalse(client.endsWithin(Duration.ofMillis(300)), "open while the token is valid");
            clock.set(expiry);
            client.next(1, "token-expired", WAIT);
            assertTrue(client.endsWithin(WAIT), "the server ends the stream");
        } finally {
            clock.reset();
        }
    }

    private static List<JsonNode> events(String token, String subject) {
        JsonPath page = given().auth()
                .oauth2(token)
                .get("/api/events?limit=500&subject=" + subject)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<JsonNode> events = new ArrayList<>();
        for (Object event : page.getList("events")) {
            events.add(new ObjectMapper().valueToTree(event));
        }
        return events;
    }

    private static List<Long> sorted(List<Long> values) {
        return values.stream().sorted().toList();
    }

    private List<Long> sequences(List<SseClient.Message> messages) throws Exception {
        List<Long> result = new ArrayList<>();
        for (SseClient.Message message : messages) {
            result.add(json.readTree(message.data()).get("sequence").asLong());
        }
        return result;
    }
}
