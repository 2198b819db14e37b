package org.prioritytracker.notification.publish;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the publishers of the topic: each with its own idempotent producer writing CloudEvents in
 * binary content mode (attributes as ce_* headers, data as the value, the subject as the key).
 */
@ApplicationScoped
public class Publishers {

    private final PublisherConfig config;
    private final String bootstrapServers;
    private final EventPublisher.DeadLetters deadLetters;
    private final Counter published;
    private final Counter failedAttempts;
    private final Counter deadLettered;

    public Publishers(
            PublisherConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            EventPublisher.DeadLetters deadLetters,
            MeterRegistry registry) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.deadLetters = deadLetters;
        this.published = registry.counter("tracker.events.published");
        this.failedAttempts = registry.counter("tracker.events.publish.failures");
        this.deadLettered = registry.counter("tracker.events.dead.letters");
    }

    /** A publisher for one stream of events (one capture source), named in its producer's client id. */
    public EventPublisher create(String name) {
        return new EventPublisher(
                () -> producer(name),
                config.topic(),
                config.maxRecordBytes(),
                config.initialBackoff(),
                config.maxBackoff(),
                config.deliveryTimeout(),
                deadLetters,
                new EventPublisher.Meter() {
                    @Override
                    public void published(int count) {
                        published.increment(count);
                    }

                    @Override
                    public void failedAttempt() {
                        failedAttempts.increment();
                    }

                    @Override
                    public void deadLettered() {
                        deadLettered.increment();
                    }
                });
    }

    private Producer<String, CloudEvent> producer(String name) {
        int deliveryTimeout = (int) config.deliveryTimeout().toMillis();
        int requestTimeout = Math.min(deliveryTimeout - 1, 5_000);
        return new KafkaProducer<>(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "notification-service-" + name),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                // Latency first: a record goes out as soon as it is sent.
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(deliveryTimeout, 5_000)),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeout),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class),
                Map.entry(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY)));
    }
}
