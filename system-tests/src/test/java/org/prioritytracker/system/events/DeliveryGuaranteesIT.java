package org.prioritytracker.system.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Topic;

/**
 * Bursts of status changes while a part of the system is down: every change still reaches the
 * topic, and each item's events arrive in order (duplicates, if any, share ce_id).
 */
@ExtendWith(SystemStack.class)
class DeliveryGuaranteesIT {

    private static final List<String> ITEMS = List.of("P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P3.1", "P3.3",
            "P3.4", "P3.5", "P4.1", "P4.2", "P4.3", "P4.4", "P4.5", "P5.1", "P5.2", "P5.4", "P6.1", "P6.2");
    private static final int CHANGES_PER_ITEM = 10;

    @Test
    void aBurstWhileTheBrokerIsStoppedArrivesCompleteAndInOrderOnceItIsBack() throws Exception {
        ITEMS.forEach(TaskApi::makeActive);
        try (Topic topic = new Topic()) {
            SystemStack.broker("stop");
            Map<String, List<Long>> expected;
            try {
                expected = burst(() -> { });
            } finally {
                SystemStack.broker("start");
            }
            assertAllArrivedInOrder(topic, expected);
        }
    }

    @Test
    void aBurstDuringWhichNotificationServiceIsKilledArrivesCompleteAndInOrder() throws Exception {
        ITEMS.forEach(TaskApi::makeActive);
        try (Topic topic = new Topic()) {
            Map<String, List<Long>> expected = burst(SystemStack::killNotificationService);
            SystemStack.up();
            assertAllArrivedInOrder(topic, expected);
        }
    }

    /** 200 changes over 20 items from 4 clients; {@code midway} runs once half of them are made. */
    private static Map<String, List<Long>> burst(Runnable midway) throws Exception {
        Map<String, List<Long>> versions = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int from = half * CHANGES_PER_ITEM / 2;
                for (String item : ITEMS) {
                    work.add(clients.submit(() -> {
                        for (int step = from; step < from + CHANGES_PER_ITEM / 2; step++) {
                            versions.computeIfAbsent(item, k -> new ArrayList<>()).add(TaskApi.toggle(item, step));
                        }
                        return null;
                    }));
                }
                for (Future<?> task : work) {
                    task.get();
                }
                work.clear();
                if (half == 0) {
                    midway.run();
                }
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(ITEMS.size() * CHANGES_PER_ITEM, versions.values().stream().mapToInt(List::size).sum());
        return versions;
    }

    private static void assertAllArrivedInOrder(Topic topic, Map<String, List<Long>> expected) {
        List<Topic.Received> records = topic.readUntil(r -> ITEMS.stream().allMatch(item ->
                Topic.of(r, "/task-service", item).stream().map(Topic.Received::sequence).toList()
                        .containsAll(expected.get(item))), Duration.ofSeconds(180));
        for (String item : ITEMS) {
            List<Long> arrived = Topic.of(records, "/task-service", item).stream().map(Topic.Received::sequence)
                    .filter(expected.get(item)::contains).toList();
            assertEquals(expected.get(item), arrived, "events of " + item + " in topic order");
        }
    }
}
