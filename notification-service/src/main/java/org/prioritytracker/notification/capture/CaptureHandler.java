package org.prioritytracker.notification.capture;

import io.cloudevents.CloudEvent;
import io.debezium.DebeziumException;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;
import org.prioritytracker.notification.deadletter.DeadLetterStore;
import org.prioritytracker.notification.event.EventLog;
import org.prioritytracker.notification.publish.EventPublisher;
import org.prioritytracker.notification.publish.EventPublisher.Published;

/**
 * Takes each batch of captured outbox rows from one source's engine: numbers the events that came
 * without a number (EventNumbers), publishes them in log order, notes them in the event log, and only then marks the batch processed, so that the source's
 * position (and the slot) moves on only past what is on the topic. A failure here is retried until it
 * passes: the engine waits meanwhile, and the slot keeps what is not yet published.
 */
final class CaptureHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = Logger.getLogger(CaptureHandler.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String source;
    private final EventNumbers numbers;
    private final EventPublisher publisher;
    private final EventLog log;
    private final DeadLetterStore deadLetters;
    private final CaptureStatus status;

    private final CaptureStages stages;

    CaptureHandler(
            String source,
            EventNumbers numbers,
            EventPublisher publisher,
            EventLog log,
            DeadLetterStore deadLetters,
            CaptureStatus status,
            MeterRegistry registry) {
        this.source = source;
        this.numbers = numbers;
        this.publisher = publisher;
        this.log = log;
        this.deadLetters = deadLetters;
        this.status = status;
        this.stages = new CaptureStages(source, registry);
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        long handledAt = nowMicros();
        List<CloudEvent> events = new ArrayList<>(records.size());
        List<CloudEvent> unreadable = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> record : records) {
            Optional<Long> recordedAt = OutboxRows.recordedMicros(record.record());
            recordedAt.ifPresent(recorded -> CaptureStages.record(stages.queue, handledAt - recorded));
            OutboxRows.commitMicros(record.record())
                    .ifPresent(committed -> recordedAt.ifPresent(
                            recorded -> CaptureStages.record(stages.decoding, recorded - committed)));
            Optional<CloudEvent> event = OutboxRows.toEvent(record.record());
            event.filter(OutboxRows::isUnreadable).ifPresent(unreadable::add);
            event.filter(e -> !OutboxRows.isUnreadable(e)).ifPresent(events::add);
        }
        for (CloudEvent row : unreadable) {
            LOG.errorf("Outbox row %s of %s holds no valid event; it goes to the dead letters", row.getId(), source);
            retrying(
                    "dead-lettering an unreadable row",
                    () -> deadLetters.store(row, "the outbox row holds no valid CloudEvent"));
        }
        List<CloudEvent> numbered = retryingFor("numbering " + events.size() + " events", () -> numbers.number(events));
        long sentAt = nowMicros();
        List<Published> published = publisher.publish(numbered);
        long acknowledgedAt = nowMicros();
        for (Published record : published) {
            CaptureStages.record(stages.numbering, sentAt - handledAt);
            CaptureStages.record(stages.send, acknowledgedAt - sentAt);
            CaptureStages.record(
                    stages.commitToTopic,
                    acknowledgedAt
                            - CaptureStages.micros(record.event().getTime().toInstant()));
        }
        retrying("noting " + published.size() + " events in the event log", () -> log.record(published));
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        try {
            committer.markBatchFinished();
        } catch (DebeziumException e) {
            // The position could not be saved (Kafka away): it is kept and saved with the next batch.
            LOG.warnf(
                    "Capture of %s: saving the position failed (%s); it is saved with a later batch",
                    source, e.getMessage());
        }
        CaptureStages.record(stages.bookkeeping, nowMicros() - acknowledgedAt);
        status.handled(source, published.size());
    }

    /** The wall clock in µs, the resolution of the log's commit times (Instant.now() reads it in µs on Linux). */
    private static long nowMicros() {
        return CaptureStages.micros(Instant.now());
    }

    /** Runs a step against this service's own database until it passes (the database may be restarting). */
    private void retrying(String step, Runnable action) throws InterruptedException {
        retryingFor(step, () -> {
            action.run();
            return null;
        });
    }

    private <T> T retryingFor(String step, Supplier<T> action) throws InterruptedException {
        while (true) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                LOG.warnf("Capture of %s: %s failed (%s); retrying in %d ms", source, step, e, RETRY.toMillis());
                Thread.sleep(RETRY.toMillis());
            }
        }
    }
}
