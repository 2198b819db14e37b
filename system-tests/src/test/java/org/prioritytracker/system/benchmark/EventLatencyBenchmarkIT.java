package org.prioritytracker.system.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ProcessCpu;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.testsupport.TopicReader;

/**
 * How long a status change takes to reach a dashboard: from its {@code ce_time} (its transaction's
 * commit, as the capture reads it from the log) to the moment a plain Kafka consumer on this machine
 * receives the record. Each of the {@code benchmark.rates} (50, 100 and 200 changes a second) runs
 * steadily for {@code benchmark.seconds} (30), spread over every sub-item, after a warm-up at the
 * highest rate for {@code benchmark.warmup.seconds} (60).
 *
 * <p>In the same run it measures the floor: a Kafka producer configured as notification-service's
 * (idempotent, acks=all, linger 0) sending at the same rate to a scratch topic of the same broker,
 * from just before {@code send} to the consumer's receipt. The report gives both and their ratio.
 */
@ExtendWith(SystemStack.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class EventLatencyBenchmarkIT {

    /** The rates to measure, in changes per second; the issue's target is about 200. */
    private static final List<Integer> RATES = java.util.Arrays.stream(System.getProperty("benchmark.rates", "50,100,200")
            .split(",")).map(String::strip).map(Integer::valueOf).toList();
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
    /**
     * The warm-up, at the highest rate. The JIT compiles the write path over the first ten thousand
     * changes or so: with C2, task-service's CPU per change fell from about 9 ms to about 1 ms
     * (docs/performance.md); with C1 alone the first minute is shorter, not gone. The target is about
     * a running service; the warm-up's own figures are printed too.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warmup.seconds", 60);
    private static final int FLOOR_WARM_UP_SECONDS = 10;
    private static final String FLOOR_TOPIC = "latency-floor";
    private static final Path RUN_DIR = SystemStack.STACK_DIR.resolve("run");

    /** One rate's figures, in ms. */
    private record Figures(int rate, double achieved, List<Double> pipeline, List<Double> toSend, List<Double> floor,
            Map<String, Double> cpuSeconds) {

        Figures withFloor(List<Double> measuredFloor) {
            return new Figures(rate, achieved, pipeline, toSend, measuredFloor, cpuSeconds);
        }

        /** Each process's CPU per change, in ms, and the share of the machine's cores the run kept busy. */
        String cpu() {
            double changes = pipeline.size();
            double seconds = changes / achieved;
            StringBuilder line = new StringBuilder();
            cpuSeconds.forEach((process, used) -> line.append(String.format(Locale.ROOT, "%s %.2f, ", process, used * 1000 / changes)));
            double busy = cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum() / seconds;
            return line.append(String.format(Locale.ROOT, "in all %.1f of %d cores",
                    busy, Runtime.getRuntime().availableProcessors())).toString();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void changeToDashboardLatencyAgainstTheKafkaFloor() throws Exception {
        List<String> items = TaskApi.items();
        items.forEach(TaskApi::makeActive);
        LightTaskClient client = new LightTaskClient();
        int warmUpRate = RATES.stream().max(Integer::compare).orElseThrow();
        Figures warmUp = measure(client, items, warmUpRate, WARM_UP_SECONDS);

        List<Figures> figures = new ArrayList<>();
        for (int rate : RATES) {
            Figures measured = measure(client, items, rate, SECONDS);
            figures.add(measured.withFloor(floor(rate)));
        }

        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, """
                event latency: status changes over %d items, %d s per rate after %d s of warm-up at %d/s; ms from
                ce_time (the commit) to receipt by a plain Kafka consumer; the floor is a producer like
                notification-service's sending at the same rate to a scratch topic of the same broker, from send()
                to receipt.
                %nwarm-up (achieved %.0f/s, %d changes)
                  ce_time -> consumer:        %s
                  CPU per change (ms):        %s
                %n""", items.size(), SECONDS, WARM_UP_SECONDS, warmUpRate, warmUp.achieved(), warmUp.pipeline().size(),
                summary(warmUp.pipeline()), warmUp.cpu()));
        for (Figures f : figures) {
            report.append(String.format(Locale.ROOT, """
                    %d/s (achieved %.0f/s, %d changes)
                      ce_time -> consumer:        %s
                        of which ce_time -> sent: %s
                      floor: send -> consumer:    %s
                      ratio to the floor:         p50 x%.1f, p90 x%.1f, p99 x%.1f
                      CPU per change (ms):        %s
                    """, f.rate(), f.achieved(), f.pipeline().size(), summary(f.pipeline()), summary(f.toSend()),
                    summary(f.floor()), percentile(f.pipeline(), 50) / percentile(f.floor(), 50),
                    percentile(f.pipeline(), 90) / percentile(f.floor(), 90), percentile(f.pipeline(), 99) / percentile(f.floor(), 99), f.cpu()));
        }
        System.out.print(report);
        Path out = Path.of("target", "benchmark", "event-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** Makes {@code rate} changes a second for {@code seconds}, with each process's CPU over the run. */
    private static Figures measure(LightTaskClient client, List<String> items, int rate, int seconds) throws Exception {
        List<Double> toSend = new ArrayList<>();
        ProcessCpu before = ProcessCpu.sample(RUN_DIR);
        long started = System.nanoTime();
        List<Double> pipeline = run(client, items, rate, seconds, toSend);
        double achieved = pipeline.size() / ((System.nanoTime() - started) / 1e9);
        Map<String, Double> cpu = ProcessCpu.sample(RUN_DIR).secondsSince(before);
        return new Figures(rate, achieved, pipeline, toSend, List.of(), cpu);
    }

    /**
     * Makes {@code rate} changes a second for {@code seconds}; returns each one's latency in ms, and adds
     * to {@code toSend} the part up to the record's producer timestamp (when notification-service sent it).
     */
    private static List<Double> run(LightTaskClient client, List<String> items, int rate, int seconds, List<Double> toSend)
            throws Exception {
        int total = rate * seconds;
        Map<String, Instant> received = new ConcurrentHashMap<>();
        Map<String, Instant> eventTimes = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Set<String> made = ConcurrentHashMap.newKeySet();
        AtomicBoolean reading = new AtomicBoolean(true);
        // Each item has one client thread of its own: its changes are made in order, never racing.
        int clients = Math.min(items.size(), 16);
        List<ExecutorService> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(Executors.newSingleThreadExecutor());
        }
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        try (KafkaConsumer<String, byte[]> dashboard = consumer(SystemStack.TOPIC)) {
            var consuming = consumer.submit(() -> {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : dashboard.poll(Duration.ofMillis(100))) {
                        Instant at = Instant.now();
                        String key = header(record, "ce_subject") + "#" + header(record, "ce_sequence");
                        if ("/task-service".equals(header(record, "ce_source"))) {
                            received.putIfAbsent(key, at);
                            eventTimes.putIfAbsent(key, Instant.parse(header(record, "ce_time")));
                            sentAt.putIfAbsent(key, record.timestamp());
                        }
                    }
                }
                return null;
            });
            AtomicInteger issued = new AtomicInteger();
            long periodNanos = 1_000_000_000L / rate;
            pacer.scheduleAtFixedRate(() -> {
                int n = issued.getAndIncrement();
                if (n >= total) {
                    return;
                }
                int item = n % items.size();
                String code = items.get(item);
                workers.get(item % clients).execute(() -> made.add(code + "#" + client.toggle(code)));
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(seconds * 4L + 60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> made.size() >= total && received.keySet().containsAll(made));
            reading.set(false);
            consuming.get();
        } finally {
            pacer.shutdownNow();
            consumer.shutdownNow();
            workers.forEach(ExecutorService::shutdownNow);
        }
        List<Double> latencies = new ArrayList<>();
        for (String change : made) {
            latencies.add(Duration.between(eventTimes.get(change), received.get(change)).toNanos() / 1e6);
            toSend.add((sentAt.get(change) - eventTimes.get(change).toEpochMilli()) * 1.0);
        }
        assertTrue(latencies.size() == total, "every change was received");
        return latencies;
    }

    /** The broker's own latency at the same rate: a producer like notification-service's, to a scratch topic. */
    private static List<Double> floor(int rate) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.KAFKA))) {
            if (!admin.listTopics().names().get().contains(FLOOR_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(FLOOR_TOPIC, 1, (short) 1))).all().get();
            }
        }
        int total = rate * SECONDS;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.KAFKA,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
                KafkaConsumer<String, byte[]> consumer = consumer(FLOOR_TOPIC)) {
            for (int warm = 0; warm < rate * FLOOR_WARM_UP_SECONDS; warm++) {
                producer.send(new ProducerRecord<>(FLOOR_TOPIC, "warm", new byte[0]));
            }
            producer.flush();
            consumer.poll(Duration.ofMillis(500));
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long periodNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            int sent = 0;
            while (latencies.size() < total) {
                if (sent < total && System.nanoTime() >= next) {
                    producer.send(new ProducerRecord<>(FLOOR_TOPIC, "floor",
                            Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII)));
                    sent++;
                    next += periodNanos;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    long now = System.nanoTime();
                    if ("floor".equals(record.key())) {
                        latencies.add((now - Long.parseLong(new String(record.value(), StandardCharsets.US_ASCII))) / 1e6);
                    }
                }
            }
        }
        return latencies;
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        return TopicReader.consumerAtEnd(SystemStack.KAFKA, topic);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %6.2f, p90 %6.2f, p99 %6.2f, max %7.2f",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
