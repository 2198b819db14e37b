package org.prioritytracker.notification.stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.notification.event.CloudEventJson;
import org.prioritytracker.notification.publish.PublisherConfig;

/**
 * The stream engine's reader: one Kafka consumer for the whole instance, on one thread, reading every
 * partition of the topic from its end (no consumer group: every instance reads everything). Each record
 * becomes a {@link TopicEvent}, serialized to its SSE frame once, and goes to the hub. However many
 * streams are open, this is the instance's only connection to the topic for them.
 */
@ApplicationScoped
public class StreamEngine {

    private static final Logger LOG = Logger.getLogger(StreamEngine.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final String bootstrapServers;
    private final StreamHub hub;
    private final Clock clock;
    private final ConcurrentLinkedQueue<CompletableFuture<Map<Integer, Long>>> endOffsetRequests =
            new ConcurrentLinkedQueue<>();
    private final CloudEventDeserializer events = new CloudEventDeserializer();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final ManagedExecutor executor;
    private CompletableFuture<Void> reading;
    private StreamPosition position;

    public StreamEngine(
            PublisherConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            StreamHub hub,
            Clock clock,
            ManagedExecutor executor) {
        this.topic = config.topic();
        this.executor = executor;
        this.bootstrapServers = bootstrapServers;
        this.hub = hub;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        // On the container's managed executor: one long-running task, which ends with the application.
        reading = executor.runAsync(this::run);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        hub.endAll();
        if (reading != null) {
            try {
                reading.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf("The stream engine's consumer did not stop cleanly within 5 s (%s)", e);
            }
        }
    }

    /**
     * The topic's end, partition by partition (the offset of the next record), asked of the broker by
     * the engine's own consumer: to tell a position from the future apart from one this instance has
     * not read yet.
     */
    CompletableFuture<Map<Integer, Long>> endOffsets() {
        CompletableFuture<Map<Integer, Long>> answer = new CompletableFuture<>();
        endOffsetRequests.add(answer);
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        return answer;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "notification-service-stream-engine",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class))) {
                consumer = reader;
                read(reader);
            } catch (WakeupException e) {
                // Stopping.
            } catch (RuntimeException e) {
                LOG.warnf(
                        "The stream engine's consumer failed (%s); it reconnects in %d ms and goes on from where it was",
                        e, RETRY.toMillis());
                pause();
            } finally {
                consumer = null;
            }
        }
        failPendingRequests();
    }

    private void read(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> partitions = awaitPartitions(reader);
        if (partitions == null) {
            return;
        }
        startAt(reader, partitions);
        long nextTick = 0;
        long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    take(record);
                }
            } catch (WakeupException e) {
                if (!running) {
                    return;
                }
            }
            answerEndOffsetRequests(reader, partitions);
            long now = System.nanoTime();
            if (now >= nextTick) {
                hub.tick(clock.instant());
                nextTick = now + TICK.toNanos();
            }
            if (now >= nextPartitionCheck) {
                partitions = addNewPartitions(reader, partitions);
                nextPartitionCheck = now + PARTITION_CHECK.toNanos();
            }
        }
    }

    /** The topic's partitions, once the broker knows the topic (null when stopping first). */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> reader) {
        while (running) {
            try {
                List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                            .toList();
                }
                LOG.infof("The stream engine waits for the topic %s", topic);
            } catch (WakeupException e) {
                answerEndOffsetRequestsWithFailure();
                continue;
            } catch (RuntimeException e) {
                LOG.infof("The stream engine waits for the broker (%s)", e.getMessage());
            }
            pause();
        }
        return null;
    }

    /** From the end of every partition on a first start; after a reconnection, from where it was. */
    private void startAt(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        reader.assign(partitions);
        if (position == null) {
            reader.seekToEnd(partitions);
            long[] last = new long[partitions.size()];
            for (TopicPartition partition : partitions) {
                last[partition.partition()] = reader.position(partition) - 1;
            }
            position = StreamPosition.of(last);
            LOG.infof("The stream engine reads %s from its end (%s)", topic, position.id());
        } else {
            for (TopicPartition partition : partitions) {
                reader.seek(partition, position.offset(partition.partition()) + 1);
            }
        }
        hub.start(position);
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        long received = System.nanoTime();
        position = position.after(record.partition(), record.offset());
        CloudEvent event;
        try {
            event = record.value() == null
                    ? null
                    : events.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Record %d of partition %d is no CloudEvent (%s); the streams skip it",
                    record.offset(), record.partition(), e);
            event = null;
        }
        if (event == null) {
            hub.skip(position);
            return;
        }
        Object province = event.getExtension("province");
        hub.publish(new TopicEvent(
                record.partition(),
                record.offset(),
                position,
                event.getSource().toString(),
                event.getSubject(),
                event.getType(),
                province == null ? null : province.toString(),
                CloudEventJson.write(CloudEventJson.withNumericSequence(event)),
                received,
                event.getTime() == null ? -1 : event.getTime().toInstant().toEpochMilli()));
    }

    private List<TopicPartition> addNewPartitions(
            KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        try {
            List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.size() <= partitions.size()) {
                return partitions;
            }
            List<TopicPartition> all = new ArrayList<>(partitions);
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                if (!all.contains(partition)) {
                    all.add(partition);
                    // A new partition is read from its start: everything in it is new to every stream.
                    position = position.after(info.partition(), position.offset(info.partition()));
                }
            }
            reader.assign(all);
            for (TopicPartition partition : all) {
                if (!partitions.contains(partition)) {
                    reader.seek(partition, 0);
                }
            }
            hub.start(position);
            LOG.infof("The topic %s has %d partitions now; the stream engine reads them all", topic, all.size());
            return all;
        } catch (RuntimeException e) {
            return partitions;
        }
    }

    private void answerEndOffsetRequests(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        CompletableFuture<Map<Integer, Long>> request;
        while ((request = endOffsetRequests.poll()) != null) {
            try {
                Map<Integer, Long> ends = new java.util.HashMap<>();
                reader.endOffsets(partitions, Duration.ofSeconds(5))
                        .forEach((partition, end) -> ends.put(partition.partition(), end));
                request.complete(ends);
            } catch (RuntimeException e) {
                request.completeExceptionally(e);
            }
        }
    }

    private void answerEndOffsetRequestsWithFailure() {
        CompletableFuture<Map<Integer, Long>> request;
        while ((request = endOffsetRequests.poll()) != null) {
            request.completeExceptionally(new IllegalStateException("the stream engine has not found the topic yet"));
        }
    }

    private void failPendingRequests() {
        answerEndOffsetRequestsWithFailure();
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
