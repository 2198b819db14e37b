package org.prioritytracker.progress.catalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.session.Pause;

/**
 * Follows the event topic from its end and drops the catalogue's copy of every item and priority the
 * ministry adds, edits or archives (and of the bureaus' deactivations when it changes one), so that a
 * renamed item or a moved due date is seen within a quarter of a second (the fetch wait below)
 * rather than when the copy expires. Each instance reads the whole topic itself (no consumer group):
 * every instance has a cache to keep current. While the broker is away the copies expire by time,
 * as before. Report events invalidate the rollups too, so that an instance's rollups follow what the
 * other instances stored (its own writes invalidate them at once).
 */
@ApplicationScoped
public class CatalogInvalidation {

    /** The ministry's changes to the catalogue; the record key is the item's, priority's or bureau's code. */
    static final Set<String> CATALOGUE_CHANGES = Set.of(
            "tracker.item.updated",
            "tracker.item.created",
            "tracker.item.archived",
            "tracker.priority.created",
            "tracker.priority.updated",
            "tracker.priority.archived",
            "tracker.plan.created",
            "tracker.province.deactivated",
            "tracker.province.reactivated");
    /** Events after which rollups differ: every submission and amendment publishes tracker.report.submitted. */
    private static final Set<String> ROLLUP_CHANGES = Stream.concat(
                    CATALOGUE_CHANGES.stream(), Stream.of("tracker.report.submitted"))
            .collect(Collectors.toUnmodifiableSet());

    private static final Logger LOG = Logger.getLogger(CatalogInvalidation.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * The broker answers a fetch once this much has gathered or {@link #FETCH_MAX_WAIT} has passed: a
     * cache needs no fetch per event (at 200 events a second that was 200 fetches a second, each a
     * request for the broker and a wake-up for this service), and a quarter of a second is still at once
     * for a person who renamed an item.
     */
    private static final int FETCH_MIN_BYTES = 1024 * 1024;

    private static final Duration FETCH_MAX_WAIT = Duration.ofMillis(250);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final ItemCatalog catalog;
    private final ResponseCache rollups;
    private final String bootstrapServers;
    private final String topic;
    private final ManagedExecutor executor;
    private volatile boolean running = true;
    private volatile boolean following;

    public CatalogInvalidation(
            ItemCatalog catalog,
            ResponseCache rollups,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "tracker.kafka.topic") String topic,
            ManagedExecutor executor) {
        this.catalog = catalog;
        this.rollups = rollups;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        // On the container's managed executor: it ends with the application.
        executor.runAsync(this::follow);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Whether it reads the topic now (and so sees every edit from here on). */
    public boolean isFollowing() {
        return following;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "progress-service-catalog",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                    FETCH_MIN_BYTES,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    (int) FETCH_MAX_WAIT.toMillis(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    ByteArrayDeserializer.class))) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, RETRY).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                following = true;
                while (running) {
                    boolean rollupsChanged = false;
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        String type = header(record, "ce_type");
                        if (CATALOGUE_CHANGES.contains(type) && record.key() != null) {
                            catalog.forget(record.key());
                        }
                        rollupsChanged |= ROLLUP_CHANGES.contains(type);
                    }
                    if (rollupsChanged) {
                        rollups.invalidate();
                    }
                }
            } catch (RuntimeException e) {
                following = false;
                LOG.debugf("Catalogue invalidation is not following the topic (%s); retrying in %s", e, RETRY);
                pause();
            }
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void pause() {
        if (!Pause.between(RETRY)) {
            running = false;
        }
    }
}
