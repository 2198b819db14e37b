package org.prioritytracker.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A dashboard's view of a topic: a plain consumer that reads from where the topic ended when it was opened. */
public final class TopicReader implements AutoCloseable {

    /** A record with the time this reader received it. */
    public record Received(ConsumerRecord<String, byte[]> record, Instant at) {

        public String header(String name) {
            var header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        public String id() {
            return header("ce_id");
        }

        public long sequence() {
            return Long.parseLong(header("ce_sequence"));
        }

        /** Where the record stands in the topic, and when it arrived here: for failure messages. */
        public String where() {
            return record.partition() + ":" + record.offset() + " at " + at;
        }

        public String value() {
            return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = consumerAtEnd(bootstrapServers, topic);
    }

    /**
     * A plain consumer (no group) of every partition of the topic, positioned where the topic ends now.
     * It never moves its position on its own: were a partition's position lost (the log truncated below
     * it, its leader unable to vouch for it after a broker failure), the default policy would jump to
     * the end and skip records without a word; here polling fails instead and says which partition.
     */
    public static KafkaConsumer<String, byte[]> consumerAtEnd(String bootstrapServers, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "none",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Polls until {@code done} holds for everything received so far; fails after {@code timeout}. */
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

    public List<Received> readAtLeast(int count, Duration timeout) {
        return readUntil(records -> records.size() >= count, timeout);
    }

    /** Everything received so far, after polling once more for what is already there. */
    public List<Received> drain() {
        var records = consumer.poll(Duration.ofMillis(200));
        Instant now = Instant.now();
        records.forEach(record -> received.add(new Received(record, now)));
        return List.copyOf(received);
    }

    /**
     * The records of one (source, subject) stream in topic order, each ce_id once. A redelivered
     * record must repeat its first delivery exactly (same sequence and value); anything else fails.
     */
    public static Deliveries deliveries(List<Received> records, String source, String subject) {
        Map<String, Received> first = new LinkedHashMap<>();
        Map<String, Integer> repeats = new HashMap<>();
        for (Received r : records) {
            if (!subject.equals(r.header("ce_subject")) || !source.equals(r.header("ce_source"))) {
                continue;
            }
            Received earlier = first.putIfAbsent(r.id(), r);
            if (earlier != null) {
                if (earlier.sequence() != r.sequence() || !java.util.Objects.equals(earlier.value(), r.value())) {
                    throw new AssertionError("ce_id " + r.id() + " was delivered twice with different content");
                }
                repeats.merge(r.id(), 1, Integer::sum);
            }
        }
        return new Deliveries(
                List.copyOf(first.values()),
                repeats.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** One stream's records, each ce_id once in order of first arrival, and how many repeats were dropped. */
    public record Deliveries(List<Received> unique, int duplicates) {

        public List<Long> sequences() {
            return unique.stream().map(Received::sequence).toList();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
