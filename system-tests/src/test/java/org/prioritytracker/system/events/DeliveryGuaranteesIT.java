package org.prioritytracker.system.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.testsupport.TopicReader;

/**
 * A burst of 1,000 status changes over every sub-item while a part of the system fails: every change
 * a client saw succeed reaches the topic, each item's events in order. Redeliveries are allowed after
 * a fault, only as repeats of the same ce_id; the test reports how many it saw.
 */
@ExtendWith(SystemStack.class)
class DeliveryGuaranteesIT {

    private static final int CHANGES = 1000;
    private static final int CLIENTS = 4;
    private static final Path REPORT = Path.of("target", "fault-tests.txt");

    @BeforeAll
    static void newReport() throws IOException {
        Files.deleteIfExists(REPORT);
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void notificationServiceKilledMidBurst() throws Exception {
        burst("kill -9 of notification-service", () -> SystemStack.kill("notification-service"), SystemStack::up);
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void kafkaBrokerRestartedMidBurst() throws Exception {
        burst("Kafka broker restart", () -> SystemStack.broker("stop"), () -> SystemStack.broker("start"));
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void postgresRestartedMidBurst() throws Exception {
        burst("PostgreSQL restart", SystemStack::restartPostgres, () -> {});
    }

    /** Four clients change the items; once half the changes are made, {@code fault} runs, then {@code recover}. */
    private static void burst(String fault, Runnable inject, Runnable recover) throws Exception {
        List<String> items = TaskApi.items();
        items.forEach(TaskApi::makeActive);
        Map<String, List<Long>> versions = new ConcurrentHashMap<>();
        AtomicInteger made = new AtomicInteger();
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    // Each item belongs to one client, so that its versions are recorded in the order made.
                    List<String> mine = new ArrayList<>();
                    for (int i = client; i < items.size(); i += CLIENTS) {
                        mine.add(items.get(i));
                    }
                    int share = CHANGES / CLIENTS;
                    work.add(clients.submit(() -> {
                        for (int i = 0; i < share; i++) {
                            String item = mine.get(i % mine.size());
                            long version = TaskApi.toggle(item, "故障测试 " + i);
                            versions.computeIfAbsent(item, k -> new ArrayList<>())
                                    .add(version);
                            made.incrementAndGet();
                        }
                        return null;
                    }));
                }
                Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> made.get() >= CHANGES / 2);
                try {
                    inject.run();
                } finally {
                    recover.run();
                }
                for (Future<?> task : work) {
                    task.get();
                }
            } finally {
                clients.shutdownNow();
            }
            assertEquals(
                    CHANGES, versions.values().stream().mapToInt(List::size).sum());
            List<TopicReader.Received> records = topic.readUntil(
                    r -> items.stream()
                            .allMatch(item -> TopicReader.deliveries(r, "/task-service", item)
                                    .sequences()
                                    .containsAll(versions.getOrDefault(item, List.of()))),
                    Duration.ofMinutes(3));
            int duplicates = 0;
            for (String item : items) {
                TopicReader.Deliveries deliveries = TopicReader.deliveries(records, "/task-service", item);
                List<Long> expected = versions.getOrDefault(item, List.of());
                List<Long> arrived = deliveries.sequences().stream()
                        .filter(expected::contains)
                        .toList();
                assertEquals(expected, arrived, "events of " + item + " in topic order");
                duplicates += deliveries.duplicates();
            }
            report(String.format(
                    "%-32s %d changes over %d items: all arrived in order per item, %d duplicates (repeated ce_id)%n",
                    fault + ":", CHANGES, items.size(), duplicates));
        }
    }

    private static void report(String line) throws IOException {
        System.out.print(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
