package org.prioritytracker.system.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ProcessCpu;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;

/**
 * How long a status change takes to reach a dashboard's Kafka consumer, measured as a user meets it:
 * on the stack {@code deploy/local/up} starts (Keycloak's sign-in, the packaged services), changes
 * through task-service's public API with If-Match, and a plain kafka-clients consumer in a JVM of its
 * own ({@link LatencyConsumer}). Latency is from the event's {@code ce_time} (its transaction's commit,
 * read from the log) to the record's receipt by that consumer.
 *
 * <p>Phases, on one stack: <b>fresh</b>, from the first minute after the stack is ready, at
 * {@code benchmark.fresh.rate} (50/s) for {@code benchmark.seconds} (30); then
 * {@code benchmark.mixed.seconds} (180) of a working day's mixed load ({@link MixedLoad}); then
 * <b>after mixed load</b>, each of {@code benchmark.rates} (50 and 200 a second). For each phase:
 * p50/p90/p99/max; the floor (a producer configured as notification-service's, sending at the same
 * rate to a scratch topic of the same broker, received by the same consumer process); each stage of
 * the capture from notification-service's histograms in /q/metrics over exactly the phase; the part
 * from the record's producer timestamp to receipt; garbage-collection pauses and CPU per change of
 * each process. bench/latency runs it on three fresh stacks.
 */
@ExtendWith(SystemStack.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class EventLatencyBenchmarkIT {

    private static final List<Integer> RATES = java.util.Arrays.stream(
                    System.getProperty("benchmark.rates", "50,200").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(Integer::valueOf)
            .toList();
    private static final int FRESH_RATE = Integer.getInteger("benchmark.fresh.rate", 50);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
    private static final int FLOOR_SECONDS = Integer.getInteger("benchmark.floor.seconds", 15);
    private static final int MIXED_SECONDS = Integer.getInteger("benchmark.mixed.seconds", 180);
    private static final String FLOOR_TOPIC = "latency-floor";
    private static final Path RUN_DIR = SystemStack.STACK_DIR.resolve("run");
    private static final Path OUT = Path.of("target", "benchmark", "event-latency.txt");
    private static final Map<String, String> SERVICES = new LinkedHashMap<>(
            Map.of("task-service", SystemStack.TASK, "notification-service", SystemStack.NOTIFICATION));

    /** One phase's figures; latencies in ms. */
    private record Phase(
            String name,
            int rate,
            double achieved,
            long startedAfterSeconds,
            List<Double> pipeline,
            List<Double> toSend,
            List<Double> sendToConsumer,
            List<Double> floor,
            StageHistograms stages,
            Map<String, double[]> gcPauses,
            Map<String, Double> cpuSeconds) {}

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void commitToConsumerFreshAndAfterMixedLoad() throws Exception {
        long stackReady = System.nanoTime();
        Files.createDirectories(OUT.getParent());
        createFloorTopic();
        List<String> items = TaskApi.items();
        items.forEach(TaskApi::makeActive);
        LightTaskClient client = new LightTaskClient();
        List<Phase> phases = new ArrayList<>();
        String mixed;
        try (ConsumerProcess dashboard = new ConsumerProcess(
                SystemStack.KAFKA, SystemStack.TOPIC, FLOOR_TOPIC, OUT.resolveSibling("latency-consumer.log"))) {
            phases.add(measure("fresh", dashboard, client, items, FRESH_RATE, stackReady));
            mixed = MIXED_SECONDS > 0
                    ? new MixedLoad(items, client).run(Duration.ofSeconds(MIXED_SECONDS))
                    : "no mixed load";
            for (int rate : RATES) {
                phases.add(measure("after mixed load", dashboard, client, items, rate, stackReady));
            }
        }
        String report = report(items.size(), mixed, phases);
        System.out.print(report);
        Files.writeString(OUT, report);
    }

    private static Phase measure(
            String name,
            ConsumerProcess dashboard,
            LightTaskClient client,
            List<String> items,
            int rate,
            long stackReady)
            throws Exception {
        long startedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stackReady);
        String metricsToken = Tokens.of("metrics-reader");
        StageHistograms stagesBefore =
                StageHistograms.parse(ServiceProbe.metrics(SystemStack.NOTIFICATION, metricsToken));
        Map<String, double[]> gcBefore = gcPauses(metricsToken);
        ProcessCpu cpuBefore = ProcessCpu.sample(RUN_DIR);
        long started = System.nanoTime();
        Set<String> made = changes(dashboard, client, items, rate);
        double achieved = made.size() / ((System.nanoTime() - started) / 1e9);
        Map<String, Double> cpu = ProcessCpu.sample(RUN_DIR).secondsSince(cpuBefore);
        StageHistograms stages = StageHistograms.parse(ServiceProbe.metrics(SystemStack.NOTIFICATION, metricsToken))
                .since(stagesBefore);
        Map<String, double[]> gc = new LinkedHashMap<>();
        gcPauses(metricsToken).forEach((service, after) -> {
            double[] before = gcBefore.getOrDefault(service, new double[] {0, 0});
            gc.put(service, new double[] {after[0] - before[0], after[1] - before[1]});
        });
        List<Double> pipeline = new ArrayList<>();
        List<Double> toSend = new ArrayList<>();
        List<Double> sendToConsumer = new ArrayList<>();
        for (String change : made) {
            ConsumerProcess.Receipt receipt = dashboard.events().get(change);
            pipeline.add((receipt.receivedMicros() - receipt.committedMicros()) / 1000.0);
            toSend.add((receipt.producerMillis() * 1000 - receipt.committedMicros()) / 1000.0);
            sendToConsumer.add((receipt.receivedMicros() - receipt.producerMillis() * 1000) / 1000.0);
        }
        return new Phase(
                name,
                rate,
                achieved,
                startedAfter,
                pipeline,
                toSend,
                sendToConsumer,
                floor(dashboard, rate),
                stages,
                gc,
                cpu);
    }

    /** Makes {@code rate} changes a second for the phase's length; returns the keys (subject#sequence) of those made, all received. */
    private static Set<String> changes(
            ConsumerProcess dashboard, LightTaskClient client, List<String> items, int rate) {
        int total = rate * SECONDS;
        Set<String> made = ConcurrentHashMap.newKeySet();
        // Each item has one client thread of its own: its changes are made in order, never racing.
        int clients = Math.min(items.size(), 16);
        List<ExecutorService> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(Executors.newSingleThreadExecutor());
        }
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger issued = new AtomicInteger();
            pacer.scheduleAtFixedRate(
                    () -> {
                        int n = issued.getAndIncrement();
                        if (n < total) {
                            String code = items.get(n % items.size());
                            workers.get(n % items.size() % clients)
                                    .execute(() -> made.add(code + "#" + client.toggle(code)));
                        }
                    },
                    0,
                    1_000_000_000L / rate,
                    TimeUnit.NANOSECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(SECONDS * 4L + 60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            made.size() >= total && dashboard.events().keySet().containsAll(made));
        } finally {
            pacer.shutdownNow();
            workers.forEach(ExecutorService::shutdownNow);
        }
        assertEquals(total, made.size(), "every change was made");
        return made;
    }

    private static void createFloorTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.KAFKA))) {
            if (!admin.listTopics().names().get().contains(FLOOR_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(FLOOR_TOPIC, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
    }

    /** The broker's own latency at the same rate: a producer like notification-service's, received by the same consumer process. */
    private static List<Double> floor(ConsumerProcess dashboard, int rate) throws Exception {
        int total = rate * FLOOR_SECONDS;
        List<Long> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SystemStack.KAFKA,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long at = LatencyConsumer.micros(Instant.now());
                producer.send(new ProducerRecord<>(
                        FLOOR_TOPIC, "floor", Long.toString(at).getBytes(StandardCharsets.US_ASCII)));
                sent.add(at);
                next += period;
            }
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> dashboard.floor().keySet().containsAll(sent));
        return sent.stream()
                .map(at -> (dashboard.floor().get(at) - at) / 1000.0)
                .toList();
    }

    /** Each service's garbage-collection pauses so far: count and seconds. */
    private static Map<String, double[]> gcPauses(String token) {
        Map<String, double[]> pauses = new LinkedHashMap<>();
        SERVICES.forEach((service, url) -> {
            String metrics = ServiceProbe.metrics(url, token);
            pauses.put(service, new double[] {
                ServiceProbe.metric(metrics, "jvm_gc_pause_seconds_count", null),
                ServiceProbe.metric(metrics, "jvm_gc_pause_seconds_sum", null)
            });
        });
        return pauses;
    }

    private static String report(int items, String mixed, List<Phase> phases) {
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, """
                Event latency (EventLatencyBenchmarkIT) at %s: status changes through task-service's API over %d items, \
                %d s per phase; ms from ce_time (the commit) to receipt by a kafka-clients consumer in its own JVM. \
                The floor: a producer like notification-service's, same rate, scratch topic, same broker and consumer \
                (%d s). %s.

                | phase | started (s after ready) | rate | achieved | changes | p50 | p90 | p99 | max | floor p50 | floor p99 | p50 / floor | p99 / floor |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """, Instant.now(), items, SECONDS, FLOOR_SECONDS, mixed));
        for (Phase p : phases) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d/s | %.0f/s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | x%.1f | x%.1f |%n",
                    p.name(),
                    p.startedAfterSeconds(),
                    p.rate(),
                    p.achieved(),
                    p.pipeline().size(),
                    percentile(p.pipeline(), 50),
                    percentile(p.pipeline(), 90),
                    percentile(p.pipeline(), 99),
                    percentile(p.pipeline(), 100),
                    percentile(p.floor(), 50),
                    percentile(p.floor(), 99),
                    percentile(p.pipeline(), 50) / percentile(p.floor(), 50),
                    percentile(p.pipeline(), 99) / percentile(p.floor(), 99)));
        }
        out.append("""

                Where the time went (notification-service's stage histograms over each phase, all sources; p50 / p90 / p99 \
                in ms, interpolated in buckets; the last two rows from the consumer's records, the producer's timestamp in whole ms):

                | phase | rate | decoding | queue | numbering | send (to ack) | commit to topic | bookkeeping | commit to send | send to consumer |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Phase p : phases) {
            out.append("| ").append(p.name()).append(" | ").append(p.rate()).append("/s |");
            for (String stage : StageHistograms.STAGES) {
                out.append(String.format(
                        Locale.ROOT,
                        " %.2f / %.2f / %.2f |",
                        p.stages().percentileMillis(stage, 50),
                        p.stages().percentileMillis(stage, 90),
                        p.stages().percentileMillis(stage, 99)));
            }
            for (List<Double> part : List.of(p.toSend(), p.sendToConsumer())) {
                out.append(String.format(
                        Locale.ROOT,
                        " %.2f / %.2f / %.2f |",
                        percentile(part, 50),
                        percentile(part, 90),
                        percentile(part, 99)));
            }
            out.append('\n');
        }
        out.append("""

                Garbage collection during each phase (pauses, total ms) and CPU per change (ms, from /proc):

                | phase | rate | GC task-service | GC notification-service | CPU per change | cores busy |
                | --- | --- | --- | --- | --- | --- |
                """);
        for (Phase p : phases) {
            double[] task = p.gcPauses().get("task-service");
            double[] notification = p.gcPauses().get("notification-service");
            double seconds = p.pipeline().size() / p.achieved();
            StringBuilder cpu = new StringBuilder();
            p.cpuSeconds()
                    .forEach((process, used) -> cpu.append(String.format(
                            Locale.ROOT,
                            "%s %.2f, ",
                            process,
                            used * 1000 / p.pipeline().size())));
            double busy = p.cpuSeconds().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()
                    / seconds;
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d/s | %.0f, %.0f ms | %.0f, %.0f ms | %s | %.1f of %d |%n",
                    p.name(),
                    p.rate(),
                    task[0],
                    task[1] * 1000,
                    notification[0],
                    notification[1] * 1000,
                    cpu.toString().replaceAll(", $", ""),
                    busy,
                    Runtime.getRuntime().availableProcessors()));
        }
        return out.toString();
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
