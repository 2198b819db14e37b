package org.prioritytracker.system.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.Scripts;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TopicReader;

/**
 * How notification-service's event stream fans out to many browsers: for each number of streams N
 * ({@code benchmark.streams}, 1,000, 5,000 and 10,000 by default, after a baseline of 200 measured in
 * the same run), it opens N real SSE streams over TCP (Vert.x clients, {@link SseLoadClient}), signed
 * in as the development users (viewer, ministry-admin, ministry-reviewer and a provincial reporter of
 * each of the 32 bureaus, round-robin; most streams unfiltered, every 10th with {@code ?subject=} an
 * item, every 20th with {@code ?type=tracker.item.status-changed}), then makes item status changes
 * through task-service's API at a steady rate and measures:
 *
 * <ul>
 * <li>events received against expected, per stream (every stream with a difference is reported);
 * <li>latency over every (stream, event) pair: from the arrival of the record at a plain Kafka
 *     consumer in this JVM (the reference: what any consumer of the topic sees) to its arrival at the
 *     client, and from the event's time (its commit) to its arrival at the client;
 * <li>notification-service's memory (RSS and its private part), threads, connections to the broker
 *     and CPU per 1,000 delivered events, before the streams open and while they are open;
 * <li>then the same with 1 % of the clients stalled (they stop reading), at a higher rate for longer:
 *     the other clients' latency, and whether the server ended the stalled streams (metric
 *     {@code tracker_stream_ended_total{reason="slow-client"}}, and a {@code slow-client} event once
 *     they read again).
 * </ul>
 *
 * <p>The stack's per-caller cap on streams (8) must be raised for it:
 * {@code -Dtracker.stack.env.TRACKER_STREAM_MAX_STREAMS_PER_CALLER=400}. The table goes to
 * target/benchmark/stream-fanout.txt (see bench/stream).
 */
@ExtendWith(SystemStack.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StreamFanOutBenchmarkIT {

    private static final List<Integer> STREAMS = Arrays.stream(
                    System.getProperty("benchmark.streams", "1000,5000,10000").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(Integer::valueOf)
            .toList();
    /** The issue's "200-stream case", measured first in the same run; 0 leaves it out. */
    private static final int BASELINE = Integer.getInteger("benchmark.stream.baseline", 200);

    private static final int RATE = Integer.getInteger("benchmark.stream.rate", 10);
    private static final int SECONDS = Integer.getInteger("benchmark.stream.seconds", 30);
    private static final int STALL_RATE = Integer.getInteger("benchmark.stream.stall.rate", 10);
    private static final int STALL_SECONDS = Integer.getInteger("benchmark.stream.stall.seconds", 60);
    /** Every STALL_EVERY-th stream stalls: 1 %. */
    private static final int STALL_EVERY = Integer.getInteger("benchmark.stream.stall.every", 100);
    /**
     * SO_RCVBUF of the streams that will stall, in bytes (0: the kernel's autotuned default, which on
     * loopback grows to megabytes and would hold a whole phase of events).
     */
    private static final int STALL_RECEIVE_BUFFER = Integer.getInteger("benchmark.stream.stall.rcvbuf", 65_536);

    private static final int WAVE = Integer.getInteger("benchmark.stream.wave", 250);
    private static final Duration WAVE_TIMEOUT =
            Duration.ofSeconds(Integer.getInteger("benchmark.stream.wave.seconds", 60));
    /** Source addresses 127.0.0.2 ... 127.0.0.(1 + ADDRESSES). */
    private static final int ADDRESSES = Integer.getInteger("benchmark.stream.addresses", 19);
    /** The longest wait for the last events to reach every client once the changes are made. */
    private static final Duration DRAIN = Duration.ofSeconds(Integer.getInteger("benchmark.stream.drain.seconds", 60));
    /** The longest wait, after the stalled clients read again, for their streams to end or catch up. */
    private static final Duration RESUME = Duration.ofSeconds(30);
    /** The longest wait for the server to let go of closed streams. */
    private static final Duration RELEASE = Duration.ofSeconds(120);

    private static final Duration OPEN_LIMIT = Duration.ofMinutes(10);
    /**
     * A warm-up before the first N, not in the table: the first events through a JVM's code (the
     * service's, and this one's reference consumer and clients) are interpreted, and put the reference
     * consumer seconds behind the clients at first.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.stream.warmup.seconds", 20);
    /** A working day's mixed load (MixedLoad) before anything is measured, so that the stack has served it; 0: none. */
    private static final int MIXED_SECONDS = Integer.getInteger("benchmark.stream.mixed.seconds", 0);

    private static final int WARM_UP_STREAMS = 50;
    private static final int SUBJECT_EVERY = 10;
    private static final int TYPE_EVERY = 20;
    private static final String STATUS_CHANGED = "tracker.item.status-changed";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    private static final int KAFKA_PORT =
            Integer.parseInt(SystemStack.KAFKA.substring(SystemStack.KAFKA.lastIndexOf(':') + 1));
    private static final int SERVICE_PORT =
            java.net.URI.create(SystemStack.NOTIFICATION).getPort();
    private static final Path OUT = Path.of("target", "benchmark", "stream-fanout.txt");
    private static final Path DIFFERENCES = Path.of("target", "benchmark", "stream-fanout-differences.txt");
    private static final int DIFFERENCES_IN_REPORT = 20;

    /** A development user who may open streams; {@code province} for a reporter. */
    private record Caller(String role, String province) {

        String name() {
            return province == null ? role : role + " " + province;
        }

        String token() {
            return province == null ? Tokens.fresh(role) : Tokens.fresh(role, province);
        }
    }

    /** Peak figures of the samples taken while streams were open. */
    private static final class Peak {
        private final AtomicReference<ServiceProbe.Sample> max = new AtomicReference<>();

        void add(ServiceProbe.Sample s) {
            max.accumulateAndGet(
                    s,
                    (a, b) -> a == null
                            ? b
                            : new ServiceProbe.Sample(
                                    Math.max(a.rssKb(), b.rssKb()),
                                    Math.max(a.privateKb(), b.privateKb()),
                                    Math.max(a.threads(), b.threads()),
                                    Math.max(a.kafkaConnections(), b.kafkaConnections()),
                                    Math.max(a.clientConnections(), b.clientConnections()),
                                    Math.max(a.cpuSeconds(), b.cpuSeconds())));
        }

        ServiceProbe.Sample get() {
            return max.get();
        }
    }

    /** Events made by one phase, and what the reference consumer made of them. */
    private record Changes(int made, int failed, double achievedRate, List<EventBook.Entry> events, int unmatched) {}

    /** One phase's figures. */
    private static final class PhaseResult {
        String name;
        int rate;
        int seconds;
        Changes changes;
        EventBook.Phase latencies;
        int streams;
        long expected;
        long received;
        List<String> differences = new ArrayList<>();
        long duplicates;
        boolean drained;
        Duration drainTook;
        double cpuSeconds;
        long delivered;
        long unresolved;
        // Stall phase only.
        int stalled;
        long stalledExpected;
        long stalledReceived;
        int stalledSlowClientEvents;
        int stalledEndedByServer;
        int stalledStillOpen;
        double slowClientEndedDelta = Double.NaN;
        double slowClientEndedDeltaAfterResume = Double.NaN;

        double cpuPerThousand() {
            return delivered == 0 ? Double.NaN : cpuSeconds * 1000 / delivered;
        }
    }

    /** One N's figures. */
    private static final class Row {
        int n;
        boolean baseline;
        int opened;
        Map<Integer, Integer> refused = new TreeMap<>();
        Map<Integer, Integer> otherStatus = new TreeMap<>();
        int failed;
        int unsettled;
        int notOpened;
        Duration openTook;
        ServiceProbe.Sample before;
        ServiceProbe.Sample allOpen;
        Peak peak = new Peak();
        PhaseResult normal;
        PhaseResult stall;
        boolean reopened;
        String reopenOutcome = "";
        List<String> notes = new ArrayList<>();
        Duration releaseTook;
        boolean released;
        String releaseState = "";
        double openGaugeBefore = Double.NaN;
        double openGaugeWhile = Double.NaN;
    }

    private final EventBook book = new EventBook();
    private final List<String> allDifferences = new ArrayList<>();
    private ServiceProbe probe;
    private List<String> items;
    /** Why the run stopped before its last N, if it did. */
    private String aborted;

    private String warmUp;
    private String mixedLoad;

    @Test
    @Timeout(value = 90, unit = TimeUnit.MINUTES)
    void fanOutToManyStreams() throws Exception {
        Instant started = Instant.now();
        items = TaskApi.items();
        items.forEach(TaskApi::makeActive);
        List<Caller> callers = callers();
        probe = new ServiceProbe(
                ServiceProbe.pidIn(SystemStack.STACK_DIR.resolve("run/notification-service.pid")),
                KAFKA_PORT,
                SERVICE_PORT);
        LightTaskClient changes = new LightTaskClient();
        List<Integer> counts = new ArrayList<>();
        if (BASELINE > 0) {
            counts.add(BASELINE);
        }
        STREAMS.stream().filter(n -> n != BASELINE).forEach(counts::add);

        List<Row> rows = new ArrayList<>();
        if (MIXED_SECONDS > 0) {
            mixedLoad = new MixedLoad(items, changes).run(Duration.ofSeconds(MIXED_SECONDS));
        }
        try (SseLoadClient load = new SseLoadClient(SystemStack.NOTIFICATION, ADDRESSES, STALL_RECEIVE_BUFFER, book)) {
            if (WARM_UP_SECONDS > 0) {
                warmUp(
                        load,
                        changes,
                        callers,
                        Math.min(WARM_UP_STREAMS, counts.isEmpty() ? WARM_UP_STREAMS : counts.get(0)));
            }
            for (int n : counts) {
                Row row = new Row();
                row.n = n;
                row.baseline = n == BASELINE;
                rows.add(row);
                try {
                    measure(row, load, changes, callers);
                } catch (RuntimeException | AssertionError e) {
                    // The service died, say: what was measured so far is still reported.
                    aborted = n + " streams: " + e;
                }
                if (aborted == null
                        && row.normal != null
                        && row.normal.changes.made() > 0
                        && row.normal.changes.events().isEmpty()) {
                    aborted = n + " streams: none of the changes reached the topic; the stack is broken "
                            + "(see target/stack/logs), so nothing more is measured";
                }
                writeReport(started, callers, rows);
                if (aborted != null) {
                    break;
                }
            }
        }
        String report = writeReport(started, callers, rows);
        System.out.print(report);

        List<String> failures = new ArrayList<>();
        if (aborted != null) {
            failures.add("aborted at " + aborted);
        }
        for (Row row : rows) {
            if (row.normal == null) {
                continue;
            }
            if (row.opened != row.n) {
                failures.add(row.n + " streams: " + row.opened + " opened");
            }
            if (!row.normal.differences.isEmpty()) {
                failures.add(
                        row.n + " streams: " + row.normal.differences.size() + " streams received other than expected");
            }
            if (row.stall != null && !row.stall.differences.isEmpty()) {
                failures.add(row.n + " streams, stall phase: " + row.stall.differences.size()
                        + " streams that kept reading received other than expected");
            }
        }
        assertTrue(
                failures.isEmpty(),
                "Every stream opens and receives every event it should: " + failures + "; see " + OUT.toAbsolutePath());
    }

    /** The development users who may open streams, in the order the streams take them. */
    private static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>(List.of(
                new Caller("viewer", null), new Caller("ministry-admin", null), new Caller("ministry-reviewer", null)));
        SeedBureaus.codes().forEach(code -> callers.add(new Caller("provincial-reporter", code)));
        return callers;
    }

    private void measure(Row row, SseLoadClient load, LightTaskClient changes, List<Caller> callers) throws Exception {
        int n = row.n;
        String metricsToken = Tokens.of("metrics-reader");
        row.openGaugeBefore = ServiceProbe.metric(
                ServiceProbe.metrics(SystemStack.NOTIFICATION, metricsToken), "tracker_stream_open", null);
        row.before = probe.sample();

        Map<String, String> tokens = freshTokens(callers);
        List<SseLoadStream.Spec> specs = specs(n, callers, tokens);
        long openDeadline = System.nanoTime() + OPEN_LIMIT.toNanos();
        SseLoadClient.Opened opened = load.open(specs, WAVE, WAVE_TIMEOUT, openDeadline);
        List<SseLoadStream> streams = opened.streams();
        row.openTook = opened.took();
        row.unsettled = opened.unsettled();
        row.notOpened = specs.size() - streams.size();
        count(row, streams);
        row.allOpen = probe.sample();
        row.peak.add(row.allOpen);
        row.openGaugeWhile = ServiceProbe.metric(
                ServiceProbe.metrics(SystemStack.NOTIFICATION, Tokens.of("metrics-reader")),
                "tracker_stream_open",
                null);
        Instant tokensExpire = expiry(tokens.values());
        long needed = SECONDS + DRAIN.toSeconds() / 2 + 30;
        if (Duration.between(Instant.now(), tokensExpire).toSeconds() < needed) {
            row.notes.add(String.format(
                    Locale.ROOT,
                    "the tokens expire %d s after the streams opened, less than the %d s "
                            + "the phase may take: streams may end with token-expired",
                    Duration.between(Instant.now(), tokensExpire).toSeconds(),
                    needed));
        }

        try {
            row.normal = phase("normal", streams, RATE, SECONDS, changes, row.peak, false);

            // The stall phase needs the tokens for longer: fresh ones and new streams when they would expire.
            long stallNeeded = STALL_SECONDS * 3L / 2 + DRAIN.toSeconds() + RESUME.toSeconds() + 30;
            if (Duration.between(Instant.now(), tokensExpire).toSeconds() < stallNeeded) {
                row.reopened = true;
                closeAll(streams);
                release(row);
                tokens = freshTokens(callers);
                tokensExpire = expiry(tokens.values());
                SseLoadClient.Opened again = load.open(
                        specs(n, callers, tokens), WAVE, WAVE_TIMEOUT, System.nanoTime() + OPEN_LIMIT.toNanos());
                streams = again.streams();
                long live = streams.stream().filter(SseLoadStream::live).count();
                row.reopenOutcome = String.format(
                        Locale.ROOT,
                        "reopened with fresh tokens for the stall phase: %d of %d open in %.1f s",
                        live,
                        n,
                        again.took().toMillis() / 1000.0);
                row.peak.add(probe.sample());
            }
            row.stall = phase("stall", streams, STALL_RATE, STALL_SECONDS, changes, row.peak, true);
        } finally {
            closeAll(streams);
            release(row);
        }
    }

    /** Streams and changes as in a normal phase, for WARM_UP_SECONDS; only a line of the notes reports it. */
    private void warmUp(SseLoadClient load, LightTaskClient changes, List<Caller> callers, int n) throws Exception {
        Row row = new Row();
        row.n = n;
        row.before = probe.sample();
        SseLoadClient.Opened opened = load.open(
                specs(n, callers, freshTokens(callers)), WAVE, WAVE_TIMEOUT, System.nanoTime() + OPEN_LIMIT.toNanos());
        try {
            PhaseResult p = phase("warm-up", opened.streams(), RATE, WARM_UP_SECONDS, changes, row.peak, false);
            warmUp = String.format(
                    Locale.ROOT,
                    "warm-up (not in the tables): %d streams, %d changes at %d/s, record -> client "
                            + "%s ms (%d negative, the lowest %s ms), commit -> client %s ms, %d streams differing",
                    n,
                    p.changes.made(),
                    RATE,
                    p.latencies.recordToClient.summary(),
                    p.latencies.recordToClient.negative(),
                    LatencyHistogram.ms(p.latencies.recordToClient.minMillis()),
                    p.latencies.commitToClient.summary(),
                    p.differences.size());
        } finally {
            closeAll(opened.streams());
            release(row);
        }
    }

    private static Map<String, String> freshTokens(List<Caller> callers) {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (Caller caller : callers) {
            tokens.put(caller.name(), caller.token());
        }
        return tokens;
    }

    /** The streams of one N: round-robin over the callers; every 10th filtered by subject, every 20th by type. */
    private List<SseLoadStream.Spec> specs(int n, List<Caller> callers, Map<String, String> tokens) {
        List<SseLoadStream.Spec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Caller caller = callers.get(i % callers.size());
            String subject =
                    i % SUBJECT_EVERY == SUBJECT_EVERY / 2 ? items.get((i / SUBJECT_EVERY) % items.size()) : null;
            String type = subject == null && i % TYPE_EVERY == 1 ? STATUS_CHANGED : null;
            boolean willStall = i % STALL_EVERY == STALL_EVERY / 2 - 1;
            specs.add(new SseLoadStream.Spec(
                    i, caller.name(), caller.province(), tokens.get(caller.name()), subject, type, willStall));
        }
        return specs;
    }

    private static void count(Row row, List<SseLoadStream> streams) {
        for (SseLoadStream stream : streams) {
            int status = stream.status();
            if (stream.live()) {
                row.opened++;
            } else if (status == 429 || status == 503) {
                row.refused.merge(status, 1, Integer::sum);
            } else if (status != 0 && status != 200) {
                row.otherStatus.merge(status, 1, Integer::sum);
            } else if (stream.failure() != null) {
                row.failed++;
            }
        }
        streams.stream()
                .filter(s -> s.failure() != null)
                .limit(3)
                .forEach(s -> row.notes.add("stream " + s.spec.number() + " failed: " + s.failure()));
    }

    /**
     * One phase: changes at {@code rate} for {@code seconds} while the streams are open (with every
     * STALL_EVERY-th stream paused when {@code stall}), then a wait for the last events to arrive.
     */
    private PhaseResult phase(
            String name,
            List<SseLoadStream> streams,
            int rate,
            int seconds,
            LightTaskClient changes,
            Peak peak,
            boolean stall)
            throws Exception {
        PhaseResult result = new PhaseResult();
        result.name = name;
        result.rate = rate;
        result.seconds = seconds;
        result.latencies = new EventBook.Phase(name);
        List<SseLoadStream> live = streams.stream().filter(SseLoadStream::live).toList();
        List<SseLoadStream> stalled =
                stall ? live.stream().filter(s -> s.spec.smallBuffer()).toList() : List.of();
        List<SseLoadStream> reading =
                live.stream().filter(s -> !stalled.contains(s)).toList();
        result.streams = reading.size();
        result.stalled = stalled.size();
        String metricsToken = Tokens.of("metrics-reader");
        double slowBefore = slowClientEnded(metricsToken);
        stalled.forEach(SseLoadStream::pause);

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.add(probe.sample()), 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        ServiceProbe.Sample cpuBefore;
        long deliveredBefore;
        try (Reference reference = new Reference(book, result.latencies)) {
            cpuBefore = probe.sample();
            deliveredBefore = book.delivered.sum();
            result.changes = change(changes, rate, seconds, reference);

            Map<String, BitSet> expectedByFilter = new HashMap<>();
            long drainStart = System.nanoTime();
            result.drained = await(
                    DRAIN,
                    () -> reading.stream()
                            .filter(s -> !s.ended())
                            .allMatch(s -> s.receivedAll(expected(s.spec, result.changes.events(), expectedByFilter))));
            result.drainTook = Duration.ofNanos(System.nanoTime() - drainStart);
            ServiceProbe.Sample cpuAfter = probe.sample();
            result.cpuSeconds = cpuAfter.cpuSeconds() - cpuBefore.cpuSeconds();
            result.delivered = book.delivered.sum() - deliveredBefore;
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
        result.unresolved = book.resolvePending();

        for (SseLoadStream stream : reading) {
            compare(result, stream, false);
        }
        if (stall) {
            result.slowClientEndedDelta = slowClientEnded(metricsToken) - slowBefore;
            stalled.forEach(SseLoadStream::resume);
            Map<String, BitSet> expectedByFilter = new HashMap<>();
            await(
                    RESUME,
                    () -> stalled.stream()
                            .allMatch(s -> s.ended()
                                    || s.receivedAll(expected(s.spec, result.changes.events(), expectedByFilter))));
            result.slowClientEndedDeltaAfterResume = slowClientEnded(Tokens.of("metrics-reader")) - slowBefore;
            for (SseLoadStream stream : stalled) {
                compare(result, stream, true);
                result.stalledSlowClientEvents += stream.slowClientEvents() > 0 ? 1 : 0;
                if (stream.ended() && !stream.closedByUs()) {
                    result.stalledEndedByServer++;
                } else {
                    result.stalledStillOpen++;
                }
            }
            book.resolvePending();
        }
        return result;
    }

    /** Compares what a stream received of the phase's changes with what it should have. */
    private void compare(PhaseResult result, SseLoadStream stream, boolean stalled) {
        int expected = 0;
        int received = 0;
        int unexpected = 0;
        for (EventBook.Entry event : result.changes.events()) {
            boolean should = stream.spec.accepts(event);
            boolean got = stream.hasReceived(event.index);
            expected += should ? 1 : 0;
            received += should && got ? 1 : 0;
            unexpected += !should && got ? 1 : 0;
        }
        if (stalled) {
            result.stalledExpected += expected;
            result.stalledReceived += received;
            return;
        }
        result.expected += expected;
        result.received += received + unexpected;
        result.duplicates += stream.duplicates();
        if (received != expected || unexpected > 0) {
            String line = String.format(
                    Locale.ROOT,
                    "%s phase, stream %d (%s, filter %s): expected %d, received %d, "
                            + "unexpected %d, duplicates %d%s",
                    result.name,
                    stream.spec.number(),
                    stream.spec.caller(),
                    stream.spec.filter(),
                    expected,
                    received,
                    unexpected,
                    stream.duplicates(),
                    endedHow(stream));
            result.differences.add(line);
            allDifferences.add(line);
        }
    }

    private static String endedHow(SseLoadStream stream) {
        List<String> how = new ArrayList<>();
        if (stream.ended() && !stream.closedByUs()) {
            how.add("ended by the server");
        }
        if (stream.slowClientEvents() > 0) {
            how.add("slow-client event");
        }
        if (stream.tokenExpiredEvents() > 0) {
            how.add("token-expired event");
        }
        if (stream.resetEvents() > 0) {
            how.add("reset event");
        }
        if (stream.failure() != null) {
            how.add(stream.failure());
        }
        return how.isEmpty() ? "" : " [" + String.join(", ", how) + "]";
    }

    /** The indexes of the phase's events that this stream should receive (cached per filter and scope). */
    private static BitSet expected(SseLoadStream.Spec spec, List<EventBook.Entry> events, Map<String, BitSet> cache) {
        String key = spec.filter() + "|" + spec.province();
        BitSet cached = cache.get(key);
        if (cached == null) {
            cached = new BitSet();
            for (EventBook.Entry event : events) {
                if (spec.accepts(event)) {
                    cached.set(event.index);
                }
            }
            cache.put(key, cached);
        }
        return cached;
    }

    private double slowClientEnded(String token) {
        return ServiceProbe.metric(
                ServiceProbe.metrics(SystemStack.NOTIFICATION, token),
                "tracker_stream_ended_total",
                "reason=\"slow-client\"");
    }

    /**
     * Makes {@code rate} status changes a second for {@code seconds}, spread over the items (each item
     * always from the same worker thread, so never two changes of one item at once); then waits until
     * the reference consumer has seen each one, and returns them.
     */
    private Changes change(LightTaskClient client, int rate, int seconds, Reference reference) throws Exception {
        int total = rate * seconds;
        List<String> made = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int workers = Math.min(items.size(), 16);
        List<ExecutorService> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Executors.newSingleThreadExecutor());
        }
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger issued = new AtomicInteger();
        long start = System.nanoTime();
        try {
            pacer.scheduleAtFixedRate(
                    () -> {
                        int n = issued.getAndIncrement();
                        if (n >= total) {
                            return;
                        }
                        int item = n % items.size();
                        String code = items.get(item);
                        threads.get(item % workers).execute(() -> {
                            try {
                                made.add(code + "#" + client.toggle(code));
                            } catch (RuntimeException | AssertionError e) {
                                failed.incrementAndGet();
                            } finally {
                                done.incrementAndGet();
                            }
                        });
                    },
                    0,
                    1_000_000_000L / rate,
                    TimeUnit.NANOSECONDS);
            await(Duration.ofSeconds(seconds * 3L + 60), () -> done.get() >= total);
        } finally {
            pacer.shutdownNow();
            threads.forEach(ExecutorService::shutdownNow);
        }
        double achieved = done.get() / ((System.nanoTime() - start) / 1e9);
        List<String> keys;
        synchronized (made) {
            keys = List.copyOf(made);
        }
        // The capture may lag behind the changes under load: up to a phase's length more.
        await(Duration.ofSeconds(Math.max(60, seconds)), () -> keys.stream().allMatch(reference::seen));
        List<EventBook.Entry> events = new ArrayList<>();
        int unmatched = 0;
        for (String key : keys) {
            int hash = key.lastIndexOf('#');
            EventBook.Entry entry =
                    book.bySubjectSequence(key.substring(0, hash), Long.parseLong(key.substring(hash + 1)));
            if (entry == null) {
                unmatched++;
            } else {
                events.add(entry);
            }
        }
        return new Changes(keys.size(), failed.get(), achieved, events, unmatched);
    }

    /**
     * The reference: a plain Kafka consumer of every partition of the topic, positioned at its end
     * before the changes start, which notes when each record arrives (by its ce_id).
     */
    private static final class Reference implements AutoCloseable {
        private final EventBook book;
        private final Thread thread;
        private volatile boolean running = true;

        Reference(EventBook book, EventBook.Phase phase) {
            this.book = book;
            KafkaConsumer<String, byte[]> consumer = TopicReader.consumerAtEnd(SystemStack.KAFKA, SystemStack.TOPIC);
            thread = new Thread(
                    () -> {
                        try (consumer) {
                            while (running) {
                                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                                    long at = EventBook.nowMicros();
                                    String id = header(record, "ce_id");
                                    if (id != null) {
                                        book.seenByReference(
                                                id,
                                                at,
                                                phase,
                                                header(record, "ce_subject"),
                                                header(record, "ce_sequence"),
                                                header(record, "ce_type"),
                                                header(record, "ce_source"),
                                                header(record, "ce_province"),
                                                header(record, "ce_time"));
                                    }
                                }
                            }
                        }
                    },
                    "stream-benchmark-reference");
            thread.setDaemon(true);
            thread.start();
        }

        boolean seen(String subjectAndSequence) {
            int hash = subjectAndSequence.lastIndexOf('#');
            return book.bySubjectSequence(
                            subjectAndSequence.substring(0, hash),
                            Long.parseLong(subjectAndSequence.substring(hash + 1)))
                    != null;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private static void closeAll(List<SseLoadStream> streams) {
        streams.forEach(SseLoadStream::close);
    }

    /**
     * Waits until the server has let go of the closed streams: no connection from the benchmark's
     * addresses left, as many broker connections as before they opened (the old engine held one per
     * stream), and the tracker_stream_open gauge back where it was, where the service has it.
     */
    private void release(Row row) throws InterruptedException {
        long start = System.nanoTime();
        int kafkaBefore = row.before.kafkaConnections();
        double gaugeBefore = row.openGaugeBefore;
        AtomicReference<String> state = new AtomicReference<>("");
        row.released = await(RELEASE, () -> {
            ServiceProbe.Sample now = probe.sample();
            double gauge = Double.isNaN(gaugeBefore)
                    ? Double.NaN
                    : ServiceProbe.metric(
                            ServiceProbe.metrics(SystemStack.NOTIFICATION, Tokens.of("metrics-reader")),
                            "tracker_stream_open",
                            null);
            state.set(String.format(
                    Locale.ROOT,
                    "%d connections from the benchmark's addresses, %d to the broker "
                            + "(%d before), open gauge %s (%s before)",
                    now.clientConnections(),
                    now.kafkaConnections(),
                    kafkaBefore,
                    number(gauge),
                    number(gaugeBefore)));
            return now.clientConnections() == 0 && now.kafkaConnections() <= kafkaBefore + 2 && !(gauge > gaugeBefore);
        });
        row.releaseTook = Duration.ofNanos(System.nanoTime() - start);
        row.releaseState = state.get();
    }

    /** Polls {@code condition} every 250 ms until it holds or {@code limit} has passed; returns whether it held. */
    private static boolean await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
    }

    /** The earliest expiry of the tokens, from their exp claims. */
    private static Instant expiry(java.util.Collection<String> tokens) {
        Instant earliest = Instant.MAX;
        for (String token : tokens) {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            int at = payload.indexOf("\"exp\":");
            int end = at + 6;
            while (end < payload.length() && Character.isDigit(payload.charAt(end))) {
                end++;
            }
            Instant exp = Instant.ofEpochSecond(Long.parseLong(payload.substring(at + 6, end)));
            earliest = exp.isBefore(earliest) ? exp : earliest;
        }
        return earliest;
    }

    // ---- the report ---------------------------------------------------------------------------------------

    private String writeReport(Instant started, List<Caller> callers, List<Row> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Stream fan-out benchmark (StreamFanOutBenchmarkIT)\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Run of %s (%.0f min so far), commit %s, %s, %d cores (nproc), JDK %s; "
                        + "notification-service PID %d; open files limit: this JVM %s, notification-service %s.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS),
                Duration.between(started, Instant.now()).toSeconds() / 60.0,
                commit(),
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                probe.pid(),
                fdLimit("self"),
                fdLimit(Long.toString(probe.pid()))));
        out.append(String.format(
                Locale.ROOT,
                """
                Streams: GET %s/api/events/stream with a bearer token, round-robin over %d callers (viewer, \
                ministry-admin, ministry-reviewer, provincial-reporter of each of %d bureaus); every %dth with \
                ?subject=<item> (over %d items), every %dth with ?type=%s, the rest unfiltered. One TCP connection \
                per stream (Vert.x %s, keep-alive and pipelining off) from source addresses 127.0.0.2-127.0.0.%d, \
                opened in waves of %d (each wave's 200 and stream-position awaited). Stack environment: %s.

                Changes: item status toggles through task-service's API as ministry-admin, each item by one \
                caller at a time: %d/s for %d s (normal phase); then %d/s for %d s with every %dth stream \
                stalled (paused before the changes, SO_RCVBUF %s) and read again afterwards.

                Latency over every (stream, event) pair, ms (p50 / p90 / p99 / max): record -> client is the \
                client's receipt minus the receipt of the same record (by ce_id) by a plain Kafka consumer in \
                this JVM; commit -> client is the client's receipt minus the CloudEvent's time (the commit). \
                Expected events: the phase's changes that the stream's filters and the caller's scope admit. \
                "while" is the peak of samples taken every %d s while the streams were open. CPU is \
                notification-service's (utime + stime) from the first change to the last event's arrival, per \
                1,000 events delivered to the clients in that time. Kernel buffers: tcp_rmem %s, tcp_wmem %s.

                """,
                SystemStack.NOTIFICATION,
                callers.size(),
                callers.size() - 3,
                SUBJECT_EVERY,
                items.size(),
                TYPE_EVERY,
                STATUS_CHANGED,
                vertxVersion(),
                1 + ADDRESSES,
                WAVE,
                stackEnvironment(),
                RATE,
                SECONDS,
                STALL_RATE,
                STALL_SECONDS,
                STALL_EVERY,
                STALL_RECEIVE_BUFFER > 0 ? STALL_RECEIVE_BUFFER + " bytes" : "the kernel's default",
                SAMPLE_EVERY.toSeconds(),
                sysctl("net/ipv4/tcp_rmem"),
                sysctl("net/ipv4/tcp_wmem")));

        out.append("| N | opened | refused | expected / received (streams differing) | record -> client ms | "
                + "commit -> client ms | RSS MB before -> while (+delta) | private RSS MB before -> while | "
                + "threads before -> while | Kafka connections before -> while | CPU s / 1,000 events |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            PhaseResult p = row.normal;
            ServiceProbe.Sample peak = row.peak.get();
            if (p == null || peak == null || row.before == null) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %s | not measured | | | | | | | |%n",
                        row.n,
                        row.opened,
                        refused(row)));
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %d / %d (%d) | %s | %s | %s -> %s (+%s) | %s -> %s | %d -> %d | %d -> %d | %s |%n",
                    row.n + (row.baseline ? " (baseline)" : ""),
                    row.opened,
                    refused(row),
                    p.expected,
                    p.received,
                    p.differences.size(),
                    p.latencies.recordToClient.summary(),
                    p.latencies.commitToClient.summary(),
                    mb(row.before.rssKb()),
                    mb(peak.rssKb()),
                    mb(peak.rssKb() - row.before.rssKb()),
                    mb(row.before.privateKb()),
                    mb(peak.privateKb()),
                    row.before.threads(),
                    peak.threads(),
                    row.before.kafkaConnections(),
                    peak.kafkaConnections(),
                    number(p.cpuPerThousand())));
        }
        out.append("\nStall phase (the streams that kept reading; the stalled ones apart):\n\n");
        out.append(
                "| N | stalled | expected / received (streams differing) | record -> client ms | commit -> client ms | "
                        + "p99 record -> client vs the normal phase | slow-client ends (metric, before / after resume) | "
                        + "stalled after resume: slow-client event / ended by the server / still open; events expected / received | "
                        + "CPU s / 1,000 events |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            PhaseResult s = row.stall;
            if (s == null) {
                continue;
            }
            double ratio = s.latencies.recordToClient.percentileMillis(99)
                    / row.normal.latencies.recordToClient.percentileMillis(99);
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %d / %d (%d) | %s | %s | x%s | %s / %s | %d / %d / %d; %d / %d | %s |%n",
                    row.n,
                    s.stalled,
                    s.expected,
                    s.received,
                    s.differences.size(),
                    s.latencies.recordToClient.summary(),
                    s.latencies.commitToClient.summary(),
                    number(ratio),
                    number(s.slowClientEndedDelta),
                    number(s.slowClientEndedDeltaAfterResume),
                    s.stalledSlowClientEvents,
                    s.stalledEndedByServer,
                    s.stalledStillOpen,
                    s.stalledExpected,
                    s.stalledReceived,
                    number(s.cpuPerThousand())));
        }
        out.append("\nNotes:\n\n");
        if (mixedLoad != null) {
            out.append("- ").append(mixedLoad).append('\n');
        }
        if (warmUp != null) {
            out.append("- ").append(warmUp).append('\n');
        }
        if (aborted != null) {
            out.append("- ABORTED at ").append(aborted).append('\n');
        }
        for (Row row : rows) {
            if (row.openTook == null) {
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "- %d streams: opened in %.1f s%s%s%s; open gauge %s before, %s while open; "
                            + "%s in %.1f s (%s).%n",
                    row.n,
                    row.openTook.toMillis() / 1000.0,
                    row.otherStatus.isEmpty() ? "" : ", other answers " + row.otherStatus,
                    row.failed == 0 ? "" : ", " + row.failed + " failed to connect",
                    row.unsettled == 0 && row.notOpened == 0
                            ? ""
                            : ", " + row.unsettled + " without an answer within " + WAVE_TIMEOUT.toSeconds() + " s, "
                                    + row.notOpened + " not tried (time limit)",
                    number(row.openGaugeBefore),
                    number(row.openGaugeWhile),
                    row.released
                            ? "closed streams released by the server"
                            : "closed streams NOT released by the server (gave up)",
                    row.releaseTook == null ? 0 : row.releaseTook.toMillis() / 1000.0,
                    row.releaseState));
            List<PhaseResult> phases = new ArrayList<>();
            if (row.normal != null) {
                phases.add(row.normal);
            }
            if (row.stall != null) {
                phases.add(row.stall);
            }
            for (PhaseResult p : phases) {
                out.append(String.format(
                        Locale.ROOT,
                        "  - %s phase: %d changes made (%d failed, %d not found on the topic), "
                                + "achieved %.1f/s; once the reference consumer had them all, they reached %s in %.1f s; "
                                + "%d events delivered, %.1f s of CPU; %d pairs "
                                + "(record -> client), %d of them negative (client before the reference consumer, counted as 0; "
                                + "the lowest %s ms); %d duplicates; %d pairs of events the reference never saw left out; "
                                + "commit -> reference consumer %s ms.%n",
                        p.name,
                        p.changes.made(),
                        p.changes.failed(),
                        p.changes.unmatched(),
                        p.changes.achievedRate(),
                        p.drained ? "every stream" : "NOT every stream",
                        p.drainTook.toMillis() / 1000.0,
                        p.delivered,
                        p.cpuSeconds,
                        p.latencies.recordToClient.count(),
                        p.latencies.recordToClient.negative(),
                        LatencyHistogram.ms(p.latencies.recordToClient.minMillis()),
                        p.duplicates,
                        p.unresolved,
                        p.latencies.commitToRecord.summary()));
                if (p == row.stall && p.stalled > 0) {
                    out.append(String.format(
                            Locale.ROOT,
                            "    stalled streams, after they read again: record -> client %s%n",
                            p.latencies.stalledRecordToClient.summary()));
                }
                p.differences.stream()
                        .limit(DIFFERENCES_IN_REPORT)
                        .forEach(line -> out.append("    ").append(line).append('\n'));
                if (p.differences.size() > DIFFERENCES_IN_REPORT) {
                    out.append(String.format(
                            Locale.ROOT,
                            "    ... and %d more in %s%n",
                            p.differences.size() - DIFFERENCES_IN_REPORT,
                            DIFFERENCES.getFileName()));
                }
            }
            if (row.reopened) {
                out.append("  - ").append(row.reopenOutcome).append('\n');
            }
            row.notes.forEach(note -> out.append("  - ").append(note).append('\n'));
        }
        String report = out.toString();
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, report);
        Files.write(DIFFERENCES, allDifferences);
        return report;
    }

    private static String refused(Row row) {
        int total = row.refused.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "0";
        }
        return total + " ("
                + row.refused.entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static String mb(long kilobytes) {
        return String.format(Locale.ROOT, "%.0f", kilobytes / 1024.0);
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e9
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String sysctl(String name) {
        try {
            // One read from the start: a sysctl file answers a read from an offset past 0 with nothing, and
            // Files.readString reads its first byte alone (the file's size is 0).
            try (var reader = Files.newBufferedReader(Path.of("/proc/sys", name))) {
                return reader.readLine().strip().replaceAll("\\s+", " ");
            }
        } catch (IOException e) {
            return "?";
        }
    }

    private static String fdLimit(String process) {
        try {
            return Files.readAllLines(Path.of("/proc", process, "limits")).stream()
                    .filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.replaceAll("\\s+", " ")
                            .replace("Max open files ", "")
                            .replace(" files", "")
                            .strip())
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String vertxVersion() {
        String version = io.vertx.core.Vertx.class.getPackage().getImplementationVersion();
        return version == null ? "core" : version;
    }

    private static String stackEnvironment() {
        String settings = System.getProperties().stringPropertyNames().stream()
                .filter(n -> n.startsWith("tracker.stack.env."))
                .sorted()
                .map(n -> n.substring("tracker.stack.env.".length()) + "=" + System.getProperty(n))
                .collect(Collectors.joining(", "));
        return settings.isEmpty() ? "the defaults" : settings;
    }

    private static String commit() {
        try {
            Process head = new ProcessBuilder("git", "-C", Scripts.ROOT.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String hash = new String(head.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (head.waitFor() != 0) {
                return "unknown";
            }
            Process diff = new ProcessBuilder("git", "-C", Scripts.ROOT.toString(), "diff", "--quiet", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            diff.getInputStream().readAllBytes();
            return hash + (diff.waitFor() == 0 ? "" : "+changes");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
