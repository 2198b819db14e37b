package org.prioritytracker.notification.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.notification.support.SseClient;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @TestHTTPResource("/api/events/stream")
    URL stream;

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothing() throws Exception {
        String viewer = TestTokens.forRole("viewer");
        String lastId;
        try (SseClient client = SseClient.open(stream + "?subject=P8.3", viewer, null)) {
            assertEquals(200, client.status());
            client.next(1, "stream-position", WAIT);
            CaptureSources.write(
                    CaptureSources.TASKS,
                    Rows.statusChanged("P8.3", 2),
                    Rows.statusChanged("P8.3", 3),
                    Rows.statusChanged("P1.3", 2));
            List<SseClient.Message> first = client.next(2, "message", WAIT);
            assertEquals(List.of(2L, 3L), sequences(first));
            lastId = first.get(1).id();
        }
        // While the client is away.
        CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged("P8.3", 4), Rows.statusChanged("P8.3", 5));
        CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged("P8.3", 6));

        try (SseClient client = SseClient.open(stream + "?subject=P8.3", viewer, lastId)) {
            List<SseClient.Message> resumed = client.next(3, "message", WAIT);
            assertEquals(List.of(4L, 5L, 6L), sequences(resumed));
            assertFalse(client.anyWithin("message", Duration.ofMillis(500)), "nothing after the missed events");
        }
        // A browser that opens a new EventSource passes the id in the query instead.
        String query = "?subject=P8.3&lastEventId="
                + java.net.URLEncoder.encode(lastId, java.nio.charset.StandardCharsets.UTF_8);
        try (SseClient client = SseClient.open(stream + query, viewer, null)) {
            assertEquals(List.of(4L, 5L, 6L), sequences(client.next(3, "message", WAIT)));
        }
    }

    @Test
    void eachMessageIsAStructuredCloudEventAndFiltersApply() throws Exception {
        try (SseClient client = SseClient.open(
                stream + "?type=tracker.item.status-changed&subject=P4.5", TestTokens.forRole("viewer"), null)) {
            client.next(1, "stream-position", WAIT);
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged("P4.4", 2), Rows.statusChanged("P4.5", 9));
            JsonNode event =
                    json.readTree(client.next(1, "message", WAIT).get(0).data());
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("P4.5", event.get("subject").asText());
            assertEquals("/task-service", event.get("source").asText());
            assertEquals(9, event.get("sequence").asLong());
            assertEquals("application/json", event.get("datacontenttype").asText());
            assertEquals("持续深入推进碧水保卫战", event.at("/data/titleZh").asText());
        }
    }

    /**
     * Regression test for the write race: the framework must have started each response before its
     * consumer thread emits, so every stream begins with its position and then carries every event.
     */
    @Test
    void manyStreamsOpenedAtOnceEachBeginWithTheirPositionAndMissNothing() throws Exception {
        // Twelve bureaus, each within its own share of streams.
        List<String> readers = SeedBureaus.codes().subList(0, 12).stream()
                .map(TestTokens::forReporter)
                .toList();
        ExecutorService openers = Executors.newFixedThreadPool(12);
        List<SseClient> clients = new ArrayList<>();
        try {
            List<Future<SseClient>> opened = new ArrayList<>();
            for (String reader : readers) {
                opened.add(openers.submit(() -> SseClient.open(stream + "?subject=P8.8", reader, null)));
            }
            for (Future<SseClient> client : opened) {
                clients.add(client.get());
            }
            for (SseClient client : clients) {
                assertEquals(200, client.status());
                assertEquals("stream-position", client.nextMessage(WAIT).event(), "a stream begins with its position");
            }
            CaptureSources.write(
                    CaptureSources.TASKS,
                    Rows.statusChanged("P8.8", 1),
                    Rows.statusChanged("P8.8", 2),
                    Rows.statusChanged("P8.8", 3));
            for (SseClient client : clients) {
                assertEquals(List.of(1L, 2L, 3L), sequences(client.next(3, "message", WAIT)));
            }
        } finally {
            openers.shutdownNow();
            for (SseClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void theStreamNeedsAViewerTokenAndAValidPosition() throws Exception {
        try (SseClient client = SseClient.open(stream.toString(), "not-a-token", null)) {
            assertEquals(401, client.status());
        }
        given().auth()
                .oauth2(TestTokens.forRole("metrics-reader"))
                .accept("text/event-stream")
                .get("/api/events/stream")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .accept("text/event-stream")
                .header("Last-Event-ID", "garbage")
                .get("/api/events/stream")
                .then()
                .statusCode(400);
    }

    @Test
    void overHttp2TheStreamCarriesTheSameEventsAndOverHttp1TheSameHeadersAsEveryResponse() throws Exception {
        String viewer = TestTokens.forRole("viewer");
        try (SseClient h2 = SseClient.open(
                        java.net.http.HttpClient.Version.HTTP_2, stream + "?subject=P8.5", viewer, null);
                SseClient h1 = SseClient.open(stream + "?subject=P8.5", viewer, null)) {
            assertEquals(java.net.http.HttpClient.Version.HTTP_2, h2.version(), "cleartext HTTP/2, upgraded");
            assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, h1.version());
            assertEquals("nosniff", h1.header("X-Content-Type-Options").orElse(null));
            assertEquals("no-store", h1.header("Cache-Control").orElse(null));
            h2.next(1, "stream-position", WAIT);
            h1.next(1, "stream-position", WAIT);
            CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged("P8.5", 1), Rows.statusChanged("P8.5", 2));
            List<SseClient.Message> overHttp2 = h2.next(2, "message", WAIT);
            List<SseClient.Message> overHttp1 = h1.next(2, "message", WAIT);
            assertEquals(List.of(1L, 2L), sequences(overHttp2));
            assertEquals(overHttp1, overHttp2, "the same ids and the same bytes of data");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "subject=P3.2%3Cscript%3E | subject",
                "subject=P3.2&subject=P3.3 | subject",
                "type=tracker.item.status-changed%3Bdrop | type",
                "lastEventId=0:4,0:5 | lastEventId",
                "lastEventId=0:-5 | lastEventId",
                "lastEventId=17:0 | lastEventId",
                "lastEventId=0:999999999999 | lastEventId"
            })
    void badInputIsAProblemNamingTheField(String query, String field) {
        given().cookie("tracker_token", TestTokens.forRole("viewer"))
                .accept("text/event-stream")
                .get("/api/events/stream?" + query)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo(field), "instance", equalTo("/api/events/stream"));
    }

    @Test
    void aPositionAheadOfTheTopicIsNamedAsSuchInTheHeaderItCameIn() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .accept("text/event-stream")
                .header("Last-Event-ID", "0:999999999999")
                .get("/api/events/stream")
                .then()
                .statusCode(400)
                .body(
                        "errors[0].field",
                        equalTo("Last-Event-ID"),
                        "errors[0].message",
                        containsString("ahead of the topic"));
    }

    @Test
    void anExpiredOrForgedTokenIsRefusedWithAProblem() {
        given().cookie(
                        "tracker_token",
                        TestTokens.forReporter("130000", Instant.now().minusSeconds(120)))
                .accept("text/event-stream")
                .get("/api/events/stream")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        String forged = TestTokens.forRole("viewer");
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth()
                .oauth2(forged)
                .accept("text/event-stream")
                .get("/api/events/stream")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        given().accept("text/event-stream")
                .get("/api/events/stream")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    private List<Long> sequences(List<SseClient.Message> messages) throws Exception {
        List<Long> sequences = new java.util.ArrayList<>();
        for (SseClient.Message message : messages) {
            sequences.add(json.readTree(message.data()).get("sequence").asLong());
        }
        return sequences;
    }
}
