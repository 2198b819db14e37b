package org.prioritytracker.notification.stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.notification.support.SseClient;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;

/**
 * Resumes from positions older than the engine's memory: with a ring of three events, a client that
 * missed six catches up from the stored copy of the events, then joins the live flow; one whose
 * position the copy no longer holds either is told to reload.
 */
@QuarkusTest
@TestProfile(StreamCatchUpTest.SmallRing.class)
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class StreamCatchUpTest {

    public static class SmallRing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.stream.ring-events", "3", "tracker.stream.catch-up-page", "2");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @TestHTTPResource("/api/events/stream")
    URL stream;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void forgetCopiesOfEarlierTopics() throws SQLException {
        // The copy may hold offsets of an earlier test broker's topic; the catch-up trusts it to match this one.
        execute("DELETE FROM published_event");
    }

    /** This profile starts the service anew: its engine reaches the topic a moment after the start (503 until then). */
    @BeforeEach
    void awaitTheEngine() {
        String viewer = TestTokens.forRole("viewer");
        await().atMost(WAIT).until(() -> {
            try (SseClient probe = SseClient.open(stream.toString(), viewer, null)) {
                return probe.status() == 200;
            }
        });
    }

    @Test
    void aClientThatMissedMoreThanTheRingHoldsCatchesUpFromTheDatabaseAndGoesOnLive() throws Exception {
        String subject = "P9." + ThreadLocalRandom.current().nextInt(1_000_000);
        String viewer = TestTokens.forRole("viewer");
        String lastId = firstEventId(subject, viewer);
        missSixEventsOf(subject);

        try (SseClient client = SseClient.open(stream + "?subject=" + subject, viewer, lastId)) {
            assertEquals(200, client.status());
            assertEquals(lastId, client.next(1, "stream-position", WAIT).get(0).id());
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), sequences(client.next(6, "message", WAIT)));
            assertFalse(client.anyWithin("message", Duration.ofMillis(500)), "nothing twice");
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 8));
            assertEquals(List.of(8L), sequences(client.next(1, "message", WAIT)), "live after the catch-up");
        }
        given().auth()
                .oauth2(TestTokens.forRole("metrics-reader"))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tracker_stream_resumed_total{from=\"database\"}"));
    }

    @Test
    void aClientWhosePositionTheCopyNoLongerHoldsIsToldToReloadAndGoesOnLive() throws Exception {
        String subject = "P9." + ThreadLocalRandom.current().nextInt(1_000_000);
        String viewer = TestTokens.forRole("viewer");
        String lastId = firstEventId(subject, viewer);
        missSixEventsOf(subject);
        // Retention purged the oldest events of the copy.
        execute("DELETE FROM published_event WHERE subject = '" + subject + "' AND sequence <= 3");

        try (SseClient client = SseClient.open(stream + "?subject=" + subject, viewer, lastId)) {
            assertEquals(200, client.status());
            SseClient.Message reset = client.next(1, "reset", WAIT).get(0);
            assertFalse(reset.id().isBlank(), "the reset carries the position the stream goes on from");
            assertFalse(client.anyWithin("message", Duration.ofMillis(300)), "nothing from before the reset");
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 8));
            assertEquals(List.of(8L), sequences(client.next(1, "message", WAIT)));
        }
    }

    /** Opens a stream of the subject, receives its first event and returns that event's id. */
    private String firstEventId(String subject, String token) throws Exception {
        try (SseClient client = SseClient.open(stream + "?subject=" + subject, token, null)) {
            client.next(1, "stream-position", WAIT);
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 1));
            return client.next(1, "message", WAIT).get(0).id();
        }
    }

    /** Six events of the subject and three of others while the client is away: more than the ring holds. */
    private void missSixEventsOf(String subject) {
        List<CaptureSources.Row> rows = new ArrayList<>();
        for (long sequence = 2; sequence <= 7; sequence++) {
            rows.add(Rows.statusChanged(subject, sequence));
            if (sequence % 2 == 0) {
                rows.add(Rows.statusChanged("P1." + ThreadLocalRandom.current().nextInt(1_000_000), 1));
            }
        }
        CaptureSources.write(CaptureSources.TASKS, rows.toArray(CaptureSources.Row[]::new));
        await().atMost(WAIT)
                .until(() -> given().auth()
                                .oauth2(TestTokens.forRole("viewer"))
                                .get("/api/events?limit=500&subject=" + subject)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("events")
                                .size()
                        == 7);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private List<Long> sequences(List<SseClient.Message> messages) throws Exception {
        List<Long> sequences = new ArrayList<>();
        for (SseClient.Message message : messages) {
            sequences.add(json.readTree(message.data()).get("sequence").asLong());
        }
        return sequences;
    }
}
