package org.prioritytracker.task.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.item.ItemService;
import org.prioritytracker.task.item.ItemStatus;
import org.prioritytracker.task.item.TransitionRequest;
import org.prioritytracker.task.support.EventReceiver;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;

@QuarkusTest
class OutboxTest {

    private final EventReceiver receiver = EventReceiver.get();

    @Inject
    TestData data;

    @Inject
    ItemService items;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aStatusChangeIsDeliveredAsAStructuredCloudEventWithinMomentsOfItsCommit() throws Exception {
        Instant before = Instant.now();
        ItemApi.move("P3.2", "IN_PROGRESS", null);
        // The relay polls only every 60 s in these tests: a prompt delivery comes from the commit waking it.
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.eventsFor("P3.2").size() == 1);

        JsonNode event = receiver.eventsFor("P3.2").get(0);
        assertEquals("1.0", event.get("specversion").asText());
        UUID.fromString(event.get("id").asText());
        assertEquals("/task-service", event.get("source").asText());
        assertEquals("tracker.item.status-changed", event.get("type").asText());
        assertEquals("P3.2", event.get("subject").asText());
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertEquals(2, event.get("sequence").asLong());
        Instant time = Instant.parse(event.get("time").asText());
        assertFalse(time.isBefore(before.minusSeconds(1)));
        JsonNode payload = event.get("data");
        assertEquals("P3.2", payload.get("itemCode").asText());
        assertEquals("P3", payload.get("priorityCode").asText());
        assertEquals("NOT_STARTED", payload.get("from").asText());
        assertEquals("IN_PROGRESS", payload.get("to").asText());
        assertEquals("test-ministry-admin", payload.get("actor").asText());
        assertEquals(2, payload.get("version").asLong());
        assertEquals("持续深入推进碧水保卫战", payload.get("titleZh").asText());

        EventReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertEquals("application/cloudevents-batch+json", delivery.contentType());
        JsonNode claims = new ObjectMapper().readTree(new String(
                Base64.getUrlDecoder().decode(delivery.authorization().substring("Bearer ".length()).split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertEquals("event-publisher", claims.get("groups").get(0).asText());
        await().atMost(Duration.ofSeconds(3)).until(() -> data.pendingEvents() == 0);
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            items.transition("P4.3", new TransitionRequest(ItemStatus.IN_PROGRESS, null), "\"1\"", "test");
            throw new IllegalStateException("abort after the change was written");
        }));
        assertEquals(0, data.events("P4.3"));
        assertEquals("\"1\"", ItemApi.etag("P4.3"));
    }

    @Test
    void aChangeMadeWhileTheReceiverIsDownIsDeliveredOnceItIsBack() throws Exception {
        receiver.down();
        ItemApi.move("P7.2", "IN_PROGRESS", null);
        ItemApi.move("P7.2", "AT_RISK", "监测数据缺失");
        Thread.sleep(1500);
        assertEquals(2, data.pendingEvents());
        assertTrue(receiver.events().isEmpty());

        receiver.up();
        await().atMost(Duration.ofSeconds(10)).until(() -> data.pendingEvents() == 0);
        assertEquals(List.of(2L, 3L), sequences("P7.2"));
    }

    @Test
    void aFailedDeliveryIsRetriedUntilAccepted() {
        receiver.failNext(3);
        ItemApi.move("P8.2", "IN_PROGRESS", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> data.pendingEvents() == 0);
        assertEquals(List.of(2L), sequences("P8.2"));
    }

    @Test
    void eachSubjectsEventsArriveInOrderAcrossManyConcurrentChanges() throws Exception {
        List<String> codes = List.of("P1.1", "P2.1", "P3.1", "P4.1", "P5.1", "P6.1");
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(codes.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String code : codes) {
                work.add(pool.submit(() -> {
                    ItemApi.move(code, "IN_PROGRESS", null);
                    for (int i = 0; i < rounds; i++) {
                        ItemApi.move(code, "AT_RISK", "round " + i);
                        ItemApi.move(code, "IN_PROGRESS", null);
                    }
                    return null;
                }));
            }
            // The receiver fails now and then during the burst: retried batches must not reorder anything.
            for (int i = 0; i < 5; i++) {
                receiver.failNext(1);
                Thread.sleep(150);
            }
            for (Future<?> task : work) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> data.pendingEvents() == 0);
        for (String code : codes) {
            List<Long> received = sequences(code);
            List<Long> expected = new ArrayList<>();
            for (long version = 2; version <= 2 + 2 * rounds; version++) {
                expected.add(version);
            }
            assertEquals(expected, received, "events of " + code + " in arrival order");
        }
    }

    private List<Long> sequences(String subject) {
        return receiver.eventsFor(subject).stream().map(e -> e.get("sequence").asLong()).toList();
    }
}
