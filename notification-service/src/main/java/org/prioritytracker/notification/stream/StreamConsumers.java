package org.prioritytracker.notification.stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.notification.event.CloudEventJson;
import org.prioritytracker.notification.publish.PublisherConfig;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * One Kafka consumer per browser stream, reading the topic from the stream's position (no consumer
 * group: each stream tracks its own offsets, carried in the SSE ids). A stream ends when its client
 * goes away, which the periodic keep-alive comment notices, or when the token it was opened with
 * expires (the browser then reconnects with a fresh one and resumes with Last-Event-ID).
 */
@ApplicationScoped
public class StreamConsumers {

    private static final Logger LOG = Logger.getLogger(StreamConsumers.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    /** Events held for a slow client; past that its stream ends and the browser resumes with Last-Event-ID. */
    private static final int BUFFERED_EVENTS = 1024;

    private final String topic;
    private final String bootstrapServers;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final StreamSlots slots;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean running = true;

    public StreamConsumers(PublisherConfig config, StreamConfig limits,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ManagedExecutor executor, Clock clock) {
        this.topic = config.topic();
        this.bootstrapServers = bootstrapServers;
        this.executor = executor;
        this.clock = clock;
        this.slots = new StreamSlots(limits.maxStreams(), limits.maxStreamsPerCaller());
    }

    /**
     * The events of one browser stream. Its consumer runs on a thread of its own from the moment the
     * framework subscribes (after the response has started) until the client goes away.
     */
    Multi<OutboundSseEvent> open(StreamFilter filter, StreamPosition from, Sse sse, String caller, Instant tokenExpiry) {
        if (!tokenExpiry.isAfter(clock.instant())) {
            throw new ProblemException(Problem.of(401, "Unauthorized", "The token has expired.", List.of()));
        }
        slots.acquire(caller);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> executor.execute(() -> {
            try {
                pump(filter, from, emitter, sse, tokenExpiry);
            } catch (RuntimeException e) {
                LOG.debugf("Event stream ended: %s", e.toString());
            } finally {
                slots.release(caller);
                emitter.complete();
            }
        }), BUFFERED_EVENTS);
    }

    /** Streams open now, for the gauge and the tests. */
    int openStreams() {
        return slots.open();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void pump(StreamFilter filter, StreamPosition from, MultiEmitter<? super OutboundSseEvent> emitter, Sse sse,
            Instant tokenExpiry) {
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "notification-service-stream-" + streams.incrementAndGet(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            StreamPosition position = seek(consumer, partitions, from);
            // Tell the client where it starts: an EventSource keeps this id as its Last-Event-ID.
            emitter.emit(sse.newEventBuilder().name("stream-position").id(position.id()).data("{}").build());
            long lastSend = System.currentTimeMillis();
            while (running && !emitter.isCancelled()) {
                if (!clock.instant().isBefore(tokenExpiry)) {
                    // The client learns why, so that it reconnects with a fresh token instead of retrying this one.
                    emitter.emit(sse.newEventBuilder().name("token-expired").data("{}").build());
                    return;
                }
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(POLL)) {
                    position = position.after(record.partition(), record.offset());
                    CloudEvent event = record.value();
                    if (event != null && filter.accepts(event)) {
                        emitter.emit(sse.newEventBuilder().id(position.id()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(CloudEventJson.write(CloudEventJson.withNumericSequence(event))).build());
                        lastSend = System.currentTimeMillis();
                    }
                }
                if (System.currentTimeMillis() - lastSend > KEEP_ALIVE_MILLIS) {
                    // Also how a vanished client is noticed: the write fails and the stream is cancelled.
                    emitter.emit(sse.newEventBuilder().comment("keep-alive").build());
                    lastSend = System.currentTimeMillis();
                }
            }
        }
    }

    /** Positions the consumer right after the client's last record, or at the end for a new stream. */
    private static StreamPosition seek(KafkaConsumer<String, CloudEvent> consumer, List<TopicPartition> partitions, StreamPosition from) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        StreamPosition position = StreamPosition.empty();
        for (TopicPartition partition : partitions) {
            Long last = from.lastOffsets().get(partition.partition());
            long next = last == null
                    ? (from.isEmpty() ? ends.get(partition) : 0L)
                    : last + 1;
            consumer.seek(partition, next);
            position = position.after(partition.partition(), next - 1);
        }
        return position;
    }
}
