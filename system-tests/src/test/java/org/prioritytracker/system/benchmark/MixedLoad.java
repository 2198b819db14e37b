package org.prioritytracker.system.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.SeedBureaus;

/**
 * What a stack serves on a working day, run before a benchmark measures so that it measures a stack
 * that has served it, not one fresh from its start: bureaus submitting reports, the ministry moving
 * items, dashboards reading rollups and the event log, and browsers opening and leaving streams. Each
 * kind runs on its own thread at its own pace; the outcome is counted per kind and status.
 */
final class MixedLoad {

    private static final List<String> PERIODS = List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4");
    private static final String JSON = "application/json; charset=UTF-8";

    private final List<String> items;
    private final LightTaskClient changes;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

    MixedLoad(List<String> items, LightTaskClient changes) {
        this.items = items;
        this.changes = changes;
    }

    /** Runs every kind for {@code duration}; returns a line saying what was done. */
    String run(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> kinds = new ArrayList<>();
        try {
            kinds.add(workers.submit(() -> paced(end, 20, this::submitReport)));
            kinds.add(workers.submit(() -> paced(end, 5, this::moveItem)));
            kinds.add(workers.submit(() -> paced(end, 20, this::readDashboards)));
            kinds.add(workers.submit(() -> paced(end, 2, this::openAndLeaveStream)));
            for (Future<?> kind : kinds) {
                kind.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The mixed load failed: " + e, e);
        } finally {
            workers.shutdownNow();
        }
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((kind, count) -> sorted.put(kind, count.get()));
        return String.format(
                Locale.ROOT,
                "mixed load before the measurements: %d s of report submissions (20/s), item "
                        + "transitions (5/s), rollup and event-log reads (20/s) and streams opened and left (2/s); outcomes %s",
                duration.toSeconds(),
                sorted);
    }

    /** Calls {@code action} {@code perSecond} times a second until {@code end} (nanoTime). */
    private void paced(long end, int perSecond, IntConsumerWithIo action) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        for (int i = 0; System.nanoTime() < end; i++) {
            try {
                action.accept(i);
            } catch (IOException | RuntimeException e) {
                count("failed " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private interface IntConsumerWithIo {
        void accept(int i) throws IOException, InterruptedException;
    }

    /** A fresh report: province, item and quarter walk through their combinations. */
    private void submitReport(int i) throws IOException, InterruptedException {
        List<String> provinces = SeedBureaus.codes();
        String province = provinces.get(i % provinces.size());
        String item = items.get((i / provinces.size()) % items.size());
        String period = PERIODS.get((i / (provinces.size() * items.size())) % PERIODS.size());
        String body = ReportApi.body(item, period, i % 101, "混合负载 mixed load " + i);
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(SystemStack.PROGRESS + "/api/reports"))
                        .header("Authorization", "Bearer " + Tokens.of("provincial-reporter", province))
                        .header("Content-Type", JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        count("report " + response.statusCode());
    }

    private void moveItem(int i) {
        changes.toggle(items.get(i % items.size()));
        count("transition 200");
    }

    private void readDashboards(int i) throws IOException, InterruptedException {
        String item = items.get(i % items.size());
        String[] reads = {
            SystemStack.PROGRESS + "/api/rollups/overview", SystemStack.PROGRESS + "/api/rollups/items/" + item,
            SystemStack.PROGRESS + "/api/rollups/heatmap",
                    SystemStack.NOTIFICATION + "/api/events?limit=100&subject=" + item,
            SystemStack.TASK + "/api/items/" + item
        };
        String url = reads[i % reads.length];
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + Tokens.of("viewer"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        count("read " + response.statusCode());
    }

    /** A browser tab that opens the stream, takes its first event and goes away. */
    private void openAndLeaveStream(int i) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(SystemStack.NOTIFICATION + "/api/events/stream"))
                        .header("Authorization", "Bearer " + Tokens.of("viewer"))
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            boolean positioned =
                    response.statusCode() == 200 && lines.anyMatch(line -> line.equals("event: stream-position"));
            count("stream " + response.statusCode() + (positioned ? " positioned" : ""));
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }
}
