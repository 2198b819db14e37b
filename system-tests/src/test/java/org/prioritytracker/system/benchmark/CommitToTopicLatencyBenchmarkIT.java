package org.prioritytracker.system.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Topic;

/**
 * How long a status change takes from its commit in task-service to its record on the topic:
 * outbox, relay, notification-service's store and publisher, and the broker. Changes are made one
 * after another (no load), so the figure is the pipeline's latency, not its throughput.
 *
 * <p>Two measures per change: {@code ce_time} (set inside the committing transaction) to the record's
 * producer timestamp (when notification-service handed it to Kafka), and the client's receipt of
 * the 200 (after the commit) to a dashboard consumer's receipt of the record.
 */
@ExtendWith(SystemStack.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CommitToTopicLatencyBenchmarkIT {

    private static final List<String> ITEMS = List.of("P7.1", "P7.2", "P7.3", "P8.1", "P8.2", "P8.3", "P8.4", "P5.3", "P6.3", "P6.4");

    @Test
    void commitToTopicDelay() throws Exception {
        int changes = Integer.getInteger("benchmark.changes", 1000);
        ITEMS.forEach(TaskApi::makeActive);
        Map<String, Instant> committed = new ConcurrentHashMap<>();
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Topic topic = new Topic()) {
            // The client changes items while this thread consumes the topic, as a dashboard would.
            Future<?> work = client.submit(() -> {
                for (int i = 0; i < changes; i++) {
                    String item = ITEMS.get(i % ITEMS.size());
                    long version = TaskApi.toggle(item, i / ITEMS.size());
                    committed.put(item + "#" + version, Instant.now());
                }
            });
            List<Topic.Received> records = topic.readUntil(
                    r -> work.isDone() && matched(r, committed) >= committed.size(), Duration.ofMinutes(5));
            work.get();
            List<Double> commitToTopic = new ArrayList<>();
            List<Double> clientToConsumer = new ArrayList<>();
            for (Topic.Received record : records) {
                Instant clientSawCommit = committed.remove(record.header("ce_subject") + "#" + record.header("ce_sequence"));
                if (clientSawCommit == null || !"/task-service".equals(record.header("ce_source"))) {
                    continue;
                }
                Instant eventTime = Instant.parse(record.header("ce_time"));
                commitToTopic.add((record.record().timestamp() - eventTime.toEpochMilli()) * 1.0);
                clientToConsumer.add(Duration.between(clientSawCommit, record.at()).toNanos() / 1e6);
            }
            assertEquals(changes, commitToTopic.size(), "every change reached the topic once");
            String report = String.format(Locale.ROOT, """
                    commit-to-topic latency over %d status changes (sequential, one client)
                      ce_time -> record timestamp (ms):         %s
                      client 200 -> dashboard consumer (ms):    %s
                    """, changes, summary(commitToTopic), summary(clientToConsumer));
            System.out.print(report);
            Path out = Path.of(System.getProperty("tracker.stack.dir", "target/stack")).getParent().resolve("benchmark/commit-to-topic.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } finally {
            client.shutdownNow();
        }
    }

    private static long matched(List<Topic.Received> records, Map<String, Instant> committed) {
        return records.stream().filter(r -> "/task-service".equals(r.header("ce_source")))
                .map(r -> r.header("ce_subject") + "#" + r.header("ce_sequence")).filter(committed::containsKey).distinct().count();
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "median %.1f, p90 %.1f, p99 %.1f, max %.1f",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
