package org.prioritytracker.system.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A dashboard's Kafka consumer in a JVM of its own, as a user runs one: kafka-clients with its
 * defaults (no group, every partition from the end), started by {@link ConsumerProcess}. It writes one
 * line per record it receives, with the moment of receipt in µs since the epoch:
 * <ul>
 * <li>{@code E subject#sequence ce_time_µs producer_timestamp_ms received_µs} for a task-service event;</li>
 * <li>{@code F sent_µs received_µs} for a record of the floor's topic, whose value is its send time;</li>
 * </ul>
 * and {@code READY} once it is positioned. It stops when its standard input closes.
 */
public final class LatencyConsumer {

    private LatencyConsumer() {}

    /** Arguments: the bootstrap servers, the status topic, the floor's topic. */
    public static void main(String[] args) throws IOException {
        Properties config = new Properties();
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[0],
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName()));
        String statusTopic = args[1];
        String floorTopic = args[2];
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(statusTopic, floorTopic)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            stopWhenInputCloses(consumer);
            out.write("READY\n");
            out.flush();
            while (true) {
                var records = consumer.poll(Duration.ofSeconds(1));
                long received = micros(Instant.now());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.topic().equals(floorTopic)) {
                        out.write("F " + new String(record.value(), StandardCharsets.US_ASCII) + " " + received + "\n");
                    } else if ("/task-service".equals(header(record, "ce_source"))) {
                        out.write("E " + header(record, "ce_subject") + "#" + header(record, "ce_sequence") + " "
                                + micros(Instant.parse(header(record, "ce_time"))) + " " + record.timestamp() + " "
                                + received + "\n");
                    }
                }
                out.flush();
            }
        } catch (WakeupException stopped) {
            out.flush();
        }
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static void stopWhenInputCloses(KafkaConsumer<String, byte[]> consumer) {
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        watcher.execute(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read but the end
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                consumer.wakeup();
            }
        });
        watcher.shutdown();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
