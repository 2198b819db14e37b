package org.prioritytracker.task.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.outbox.OutboxPurge;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.outbox.OversizedEventException;
import org.prioritytracker.task.item.ItemService;
import org.prioritytracker.task.item.ItemStatus;
import org.prioritytracker.task.item.TransitionRequest;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.MutableClock;

/** Every committed change leaves exactly one CloudEvent row in the outbox; nothing else does. */
@QuarkusTest
class OutboxTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    TestData data;

    @Inject
    ItemService items;

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxPurge purge;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aStatusChangeWritesOneCloudEventInItsTransaction() throws Exception {
        Instant committedAround = Instant.parse("2025-06-01T08:00:00Z");
        clock.set(committedAround);
        ItemApi.move("P3.2", "IN_PROGRESS", null);

        TestData.OutboxRow event = data.event("P3.2", 2);
        UUID.fromString(event.id());
        assertEquals("/task-service", event.source());
        assertEquals("tracker.item.status-changed", event.type());
        assertEquals("P3.2", event.subject());
        assertFalse(event.time().isBefore(committedAround), "time comes from the service's clock");
        assertTrue(
                event.time().isBefore(committedAround.plus(Duration.ofMinutes(1))), "time is when the change was made");
        JsonNode payload = json.readTree(event.data());
        assertEquals("P3.2", payload.get("itemCode").asText());
        assertEquals("P3", payload.get("priorityCode").asText());
        assertEquals("NOT_STARTED", payload.get("from").asText());
        assertEquals("IN_PROGRESS", payload.get("to").asText());
        assertEquals("test-ministry-admin", payload.get("actor").asText());
        assertEquals(2, payload.get("version").asLong());
        assertEquals("持续深入推进碧水保卫战", payload.get("titleZh").asText());
        assertFalse(payload.get("overdue").asBoolean());
        assertEquals("{}", event.extensions());
        assertEquals(List.of("tracker.item.status-changed#2"), data.eventSequence("P3.2"));
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        assertThrows(
                IllegalStateException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    items.transition("P4.3", new TransitionRequest(ItemStatus.IN_PROGRESS, null), "\"1\"", "test");
                    throw new IllegalStateException("abort after the change was written");
                }));
        assertEquals(0, data.events("P4.3"));
        assertEquals("\"1\"", ItemApi.etag("P4.3"));
    }

    @Test
    void anEventTooLargeForTheTopicIsNeverWritten() {
        Map<String, String> huge = Map.of("text", "长".repeat(30_000));
        assertThrows(
                OversizedEventException.class,
                () -> QuarkusTransaction.requiringNew()
                        .run(() -> outbox.write("tracker.item.status-changed", "P4.4", 99, huge)));
        assertEquals(0, data.events("P4.4"));
    }

    @Test
    void eachItemsEventsAreWrittenInSequenceOrderAcrossConcurrentChanges() throws Exception {
        List<String> codes = List.of("P1.1", "P2.1", "P3.1", "P4.1", "P5.1", "P6.1");
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(codes.size() * 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String code : codes) {
                ItemApi.move(code, "IN_PROGRESS", null);
                // Two clients per item race for every move; the loser re-reads and retries.
                for (int client = 0; client < 2; client++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            ItemApi.toggle(code, "round " + i);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> task : work) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String code : codes) {
            List<String> written = data.eventSequence(code);
            assertEquals(1 + 2 * rounds, written.size(), code);
            for (int i = 0; i < written.size(); i++) {
                assertEquals("tracker.item.status-changed#" + (i + 2), written.get(i), code + " in the order written");
            }
        }
    }

    @Test
    void rowsOlderThanTheRetentionArePurged() {
        ItemApi.move("P5.2", "IN_PROGRESS", null);
        clock.advance(Duration.ofDays(6));
        ItemApi.move("P5.2", "AT_RISK", "六天后");
        clock.advance(Duration.ofDays(2));
        assertEquals(1, purge.purge());
        assertEquals(List.of("tracker.item.status-changed#3"), data.eventSequence("P5.2"));
    }
}
