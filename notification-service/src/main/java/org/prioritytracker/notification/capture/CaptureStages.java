package org.prioritytracker.notification.capture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Where an event's time from commit to topic goes, one histogram per stage in /q/metrics
 * ({@code tracker_capture_stage_seconds_bucket{source,stage}}), so that a latency figure can be split
 * without a profiler. The stages follow one event: the connector decodes its commit from the log
 * ({@code decoding}: commit to the connector's change record), the record waits in Debezium's queue
 * for the engine's next batch ({@code queue}), the handler numbers the batch ({@code numbering}), the
 * producer sends it and the broker acknowledges ({@code send}); {@code bookkeeping} (the event log and
 * the source's position, after the acknowledgement) delays only the next batch. The whole is
 * {@code tracker_capture_commit_to_topic_seconds}.
 *
 * <p>The buckets are fixed and fine where the targets are (5 and 25 ms), so that a benchmark can take
 * two scrapes and compute each stage's percentiles over exactly its run.
 */
final class CaptureStages {

    private static final Duration[] BUCKETS = buckets(
            0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12.5, 15, 20, 25, 35, 50, 75, 100, 150, 250, 500,
            1000, 2500, 5000, 10000);

    final Timer decoding;
    final Timer queue;
    final Timer numbering;
    final Timer send;
    final Timer bookkeeping;
    final Timer commitToTopic;

    CaptureStages(String source, MeterRegistry registry) {
        decoding = stage(registry, source, "decoding");
        queue = stage(registry, source, "queue");
        numbering = stage(registry, source, "numbering");
        send = stage(registry, source, "send");
        bookkeeping = stage(registry, source, "bookkeeping");
        commitToTopic = Timer.builder("tracker.capture.commit.to.topic")
                .description("From an event's commit in its source database to the broker's acknowledgement")
                .tag("source", source)
                .serviceLevelObjectives(BUCKETS)
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
    }

    /** Records {@code micros} (clamped at 0: the clocks are one machine's, but read by different threads) on {@code timer}. */
    static void record(Timer timer, long micros) {
        timer.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static Timer stage(MeterRegistry registry, String source, String stage) {
        return Timer.builder("tracker.capture.stage")
                .description(
                        "The capture's stages from commit to topic: decoding, queue, numbering, send (then bookkeeping)")
                .tag("source", source)
                .tag("stage", stage)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static Duration[] buckets(double... millis) {
        Duration[] buckets = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(millis[i] * 1_000_000));
        }
        return buckets;
    }
}
