package org.prioritytracker.system.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A dashboard's view of the topic status-changes, from where it ended when opened. */
public final class Topic implements AutoCloseable {

    public static final String NAME = "status-changes";

    /** A record with the time this reader received it. */
    public record Received(ConsumerRecord<String, byte[]> record, Instant at) {

        public String header(String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        public long sequence() {
            return Long.parseLong(header("ce_sequence"));
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    public Topic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(NAME, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(NAME, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    public List<Received> readUntil(Predicate<List<Received>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(received)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " with " + received.size() + " records");
            }
            var records = consumer.poll(Duration.ofMillis(100));
            Instant now = Instant.now();
            records.forEach(record -> received.add(new Received(record, now)));
        }
        return List.copyOf(received);
    }

    /** Records of one subject and source, duplicates (same ce_id) dropped, in topic order. */
    public static List<Received> of(List<Received> records, String source, String subject) {
        List<Received> result = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Received r : records) {
            if (subject.equals(r.header("ce_subject")) && source.equals(r.header("ce_source")) && seen.add(r.header("ce_id"))) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
