package org.prioritytracker.system.replicas;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ReplicatedStack;
import org.prioritytracker.system.support.SseStream;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * A browser's stream survives the loss of its instance: it reconnects to the other instance with its
 * last id (a position in the topic, not in an instance) and receives every change, none lost.
 */
@ExtendWith(ReplicatedStack.class)
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class StreamFailoverIT {

    private static final String ITEM = "P2.3";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String admin = Tokens.of("ministry-admin");
    private final String viewer = Tokens.of("viewer");

    @Test
    void aStreamWhoseInstanceIsKilledResumesOnTheOtherWithNothingLost() {
        List<Long> made = new ArrayList<>();
        Map<String, Long> received = new LinkedHashMap<>();
        String first = ReplicatedStack.url("notification-service", 0) + "/api/events/stream?subject=" + ITEM;
        String second = ReplicatedStack.url("notification-service", 1) + "/api/events/stream?subject=" + ITEM;
        String lastId;
        try {
            try (SseStream stream = SseStream.open(first, viewer, null)) {
                assertEquals(200, stream.status());
                stream.awaitPosition(WAIT);
                for (int i = 0; i < 10; i++) {
                    made.add(toggle());
                }
                long last = made.get(made.size() - 1);
                Awaitility.await().atMost(WAIT).until(() -> sequences(stream).containsValue(last));
                SystemStack.kill(ReplicatedStack.instanceName("notification-service", 0));
                Awaitility.await("the stream ends with its instance")
                        .atMost(WAIT)
                        .until(stream::hasEnded);
                received.putAll(sequences(stream));
                lastId = lastId(stream);
            }
            // While the browser reconnects, changes go on (the capture moves to the other instance if it was here).
            for (int i = 0; i < 10; i++) {
                made.add(toggle());
            }
            try (SseStream stream = SseStream.open(second, viewer, lastId)) {
                assertEquals(200, stream.status());
                for (int i = 0; i < 5; i++) {
                    made.add(toggle());
                }
                long last = made.get(made.size() - 1);
                Awaitility.await().atMost(WAIT).until(() -> sequences(stream).containsValue(last));
                sequences(stream).forEach(received::putIfAbsent);
            }
        } finally {
            ReplicatedStack.up();
        }
        // At least once: after a kill a record may be published twice, always with the same ce_id.
        List<Long> inOrder = new ArrayList<>(received.values());
        assertEquals(made, inOrder, "every change, once per ce_id, in order");
        assertTrue(received.size() >= made.size());
    }

    /** The status changes of the item that the stream received: ce_id to sequence, in arrival order. */
    private static Map<String, Long> sequences(SseStream stream) {
        Map<String, Long> byId = new LinkedHashMap<>();
        for (SseStream.Message message : stream.named("message")) {
            JsonNode event = json(message.data());
            if ("tracker.item.status-changed".equals(event.path("type").asText())) {
                byId.putIfAbsent(
                        event.path("id").asText(), event.path("sequence").asLong());
            }
        }
        return byId;
    }

    private static String lastId(SseStream stream) {
        List<SseStream.Message> messages = stream.messages();
        return messages.get(messages.size() - 1).id();
    }

    private long toggle() {
        String task = ReplicatedStack.url("task-service", 1);
        for (int attempt = 0; attempt < 10; attempt++) {
            ExtractableResponse<Response> current = given().auth()
                    .oauth2(admin)
                    .get(task + "/api/items/" + ITEM)
                    .then()
                    .extract();
            String to = "IN_PROGRESS".equals(current.path("status")) ? "AT_RISK" : "IN_PROGRESS";
            String body = to.equals("AT_RISK")
                    ? "{\"to\":\"AT_RISK\",\"reason\":\"stream failover\"}"
                    : "{\"to\":\"IN_PROGRESS\"}";
            ExtractableResponse<Response> moved = given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag"))
                    .body(body)
                    .post(task + "/api/items/" + ITEM + "/transitions")
                    .then()
                    .extract();
            if (moved.statusCode() == 200) {
                return moved.jsonPath().getLong("version");
            }
        }
        throw new AssertionError("No move of " + ITEM + " went through in 10 attempts");
    }

    private static JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
