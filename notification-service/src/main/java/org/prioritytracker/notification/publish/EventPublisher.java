package org.prioritytracker.notification.publish;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Publishes events to the topic in their order and returns only when each one is acknowledged by
 * the broker (idempotent producer, acks=all) or, refused for good, handed to the dead letters.
 *
 * <p>Order per subject survives failures. The first send that fails closes the producer at once,
 * from its own callback, so that nothing sent after it can reach the broker before it. What was not
 * acknowledged is sent again, in order, by a fresh producer, one event at a time until a whole batch
 * goes through. A retry may repeat an event the broker did take (the same ce_id), never reorder one.
 * While the broker is away this waits, backing off, and so holds back the capture behind it.
 */
public class EventPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** A record's size beyond its data: key, ce_* headers and the batch framing. */
    private static final int RECORD_OVERHEAD_BYTES = 1024;

    /** Where an event goes that the broker will never take. */
    public interface DeadLetters {
        void accept(CloudEvent event, String reason);
    }

    /** What the publisher counts: published, failed attempts, dead letters. */
    public interface Meter {
        void published(int count);

        void failedAttempt();

        void deadLettered();
    }

    private final Supplier<Producer<String, CloudEvent>> producers;
    private final String topic;
    private final int maxRecordBytes;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration deliveryTimeout;
    private final DeadLetters deadLetters;
    private final Meter meter;
    private volatile Producer<String, CloudEvent> producer;
    private boolean recovering;

    public EventPublisher(
            Supplier<Producer<String, CloudEvent>> producers,
            String topic,
            int maxRecordBytes,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration deliveryTimeout,
            DeadLetters deadLetters,
            Meter meter) {
        this.producers = producers;
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.deliveryTimeout = deliveryTimeout;
        this.deadLetters = deadLetters;
        this.meter = meter;
    }

    /** What became of an event sent once, without retries (an operator's replay of a dead letter). */
    public record Outcome(boolean published, boolean refusedForGood, String reason, Published record) {

        static Outcome refused(String reason) {
            return new Outcome(false, true, reason, null);
        }

        static Outcome notAnswered(String reason) {
            return new Outcome(false, false, reason, null);
        }
    }

    /** An event the broker acknowledged, and where it stands in the topic. */
    public record Published(CloudEvent event, int partition, long offset) {

        Published(CloudEvent event, RecordMetadata metadata) {
            this(event, metadata.partition(), metadata.offset());
        }
    }

    /** Sends one event once: published, refused for good (with why), or not answered in time. */
    public synchronized Outcome publishOnce(CloudEvent event) throws InterruptedException {
        int size = recordSize(event);
        if (size > maxRecordBytes) {
            return Outcome.refused(tooLarge(size));
        }
        try {
            RecordMetadata metadata = producer()
                    .send(new ProducerRecord<>(topic, event.getSubject(), event))
                    .get(deliveryTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            meter.published(1);
            return new Outcome(true, false, null, new Published(event, metadata));
        } catch (ExecutionException e) {
            if (refusedForGood(e.getCause())) {
                return Outcome.refused(e.getCause().toString());
            }
            closeProducer();
            return Outcome.notAnswered(e.getCause().toString());
        } catch (TimeoutException | KafkaException e) {
            closeProducer();
            return Outcome.notAnswered(e.toString());
        }
    }

    /**
     * Publishes the events in order; returns once each is acknowledged or dead-lettered, with those
     * the broker acknowledged, in their order, each with its place in the topic.
     */
    public synchronized List<Published> publish(List<CloudEvent> events) throws InterruptedException {
        Map<CloudEvent, RecordMetadata> acknowledged = new IdentityHashMap<>();
        List<CloudEvent> deadLettered = new ArrayList<>();
        List<CloudEvent> pending = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            int size = recordSize(event);
            if (size > maxRecordBytes) {
                deadLetter(event, tooLarge(size));
                deadLettered.add(event);
            } else {
                pending.add(event);
            }
        }
        Duration backoff = initialBackoff;
        while (true) {
            pending = attempt(pending, deadLettered, acknowledged);
            if (pending.isEmpty()) {
                recovering = false;
                return events.stream()
                        .filter(acknowledged::containsKey)
                        .map(event -> new Published(event, acknowledged.get(event)))
                        .toList();
            }
            recovering = true;
            meter.failedAttempt();
            closeProducer();
            LOG.warnf(
                    "%d events not acknowledged by Kafka; sending them again, one at a time, in %d ms",
                    pending.size(), backoff.toMillis());
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) < 0 ? backoff.multipliedBy(2) : maxBackoff;
        }
    }

    /** Sends the events and returns those that were not acknowledged, in their order. */
    private List<CloudEvent> attempt(
            List<CloudEvent> events, List<CloudEvent> deadLettered, Map<CloudEvent, RecordMetadata> acknowledged)
            throws InterruptedException {
        Producer<String, CloudEvent> current = producer();
        AtomicBoolean stopped = new AtomicBoolean();
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            if (stopped.get()) {
                break;
            }
            try {
                Future<RecordMetadata> send =
                        current.send(new ProducerRecord<>(topic, event.getSubject(), event), (metadata, error) -> {
                            if (error != null && !refusedForGood(error) && stopped.compareAndSet(false, true)) {
                                // Fail-stop: close now, on the producer's own thread, so that no later record goes out.
                                current.close(Duration.ZERO);
                            }
                        });
                sends.add(send);
                if (recovering && !settled(send)) {
                    break;
                }
            } catch (SerializationException e) {
                sends.add(null);
                deadLetter(event, e.toString());
                deadLettered.add(event);
            } catch (KafkaException | IllegalStateException e) {
                // The producer was closed after a failure, or cannot send at all.
                stopped.set(true);
                break;
            }
        }
        List<CloudEvent> unacknowledged = new ArrayList<>();
        int published = 0;
        for (int i = 0; i < events.size(); i++) {
            if (i >= sends.size()) {
                unacknowledged.add(events.get(i));
                continue;
            }
            Future<RecordMetadata> send = sends.get(i);
            if (send == null) {
                continue;
            }
            try {
                acknowledged.put(events.get(i), send.get(deliveryTimeout.toMillis() * 2, TimeUnit.MILLISECONDS));
                published++;
            } catch (ExecutionException e) {
                if (refusedForGood(e.getCause())) {
                    deadLetter(events.get(i), e.getCause().toString());
                    deadLettered.add(events.get(i));
                } else {
                    unacknowledged.add(events.get(i));
                }
            } catch (TimeoutException e) {
                if (stopped.compareAndSet(false, true)) {
                    current.close(Duration.ZERO);
                }
                unacknowledged.add(events.get(i));
            }
        }
        meter.published(published);
        return unacknowledged;
    }

    private static int recordSize(CloudEvent event) {
        return (event.getData() == null ? 0 : event.getData().toBytes().length) + RECORD_OVERHEAD_BYTES;
    }

    private String tooLarge(int size) {
        return "the record would have about " + size + " bytes; the topic takes at most " + maxRecordBytes;
    }

    /** Waits for one send's answer; true when the broker took it (or refused it for good). */
    private boolean settled(Future<RecordMetadata> send) throws InterruptedException {
        try {
            send.get(deliveryTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return refusedForGood(e.getCause());
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** A failure of the record itself, which no retry will mend (unlike the broker being away). */
    static boolean refusedForGood(Throwable error) {
        return error instanceof RecordTooLargeException
                || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException
                || error instanceof SerializationException;
    }

    /** Hands the event to the dead letters, waiting while their store (this service's database) is away. */
    private void deadLetter(CloudEvent event, String reason) throws InterruptedException {
        LOG.errorf(
                "Event %s (%s %s of %s) refused for good, moved to the dead letters: %s",
                event.getId(), event.getType(), event.getSubject(), event.getSource(), reason);
        while (true) {
            try {
                deadLetters.accept(event, reason);
                meter.deadLettered();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Cannot store dead letter %s (%s); retrying", event.getId(), e);
                Thread.sleep(initialBackoff.toMillis());
            }
        }
    }

    private Producer<String, CloudEvent> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** A producer that failed is replaced: unsent records are dropped (they are sent again, in order). */
    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
