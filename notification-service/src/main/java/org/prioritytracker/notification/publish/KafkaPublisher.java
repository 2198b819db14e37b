package org.prioritytracker.notification.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.prioritytracker.notification.event.EventsStored;

/**
 * Publishes stored events to Kafka, the only producer of the topic. An event is marked published
 * only after the broker acknowledged it (idempotent producer, acks=all). A commit of new events
 * wakes the publisher at once; a slow poll picks up anything left, such as the backlog after a
 * crash or while the broker was down. One publisher at a time works across all instances (an
 * advisory lock), and within each (source, subject) events go out in sequence order.
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    /** Advisory lock key: "kafkapub" in ASCII. */
    private static final long PUBLISHER_LOCK = 0x6b61666b61707562L;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final PublisherConfig config;
    private final String bootstrapServers;
    private final Semaphore wake = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private KafkaProducer<String, byte[]> producer;
    /** Set after a failed send: the next batches go one event at a time until one succeeds whole. */
    private volatile boolean recovering;
    private volatile boolean running;
    private Thread worker;

    public KafkaPublisher(EntityManager entityManager, ObjectMapper mapper, PublisherConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = registry.counter("tracker.kafka.published");
        this.failures = registry.counter("tracker.kafka.publish.failures");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.publisher().enabled()) {
            LOG.info("Kafka publisher disabled in this instance");
            return;
        }
        running = true;
        worker = new Thread(this::run, "kafka-publisher");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5_000);
        }
        closeProducer();
    }

    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsStored stored) {
        wake.release();
    }

    private void run() {
        PublisherConfig.Publisher settings = config.publisher();
        Duration backoff = settings.initialBackoff();
        while (running) {
            try {
                int sent = publishBatch();
                backoff = settings.initialBackoff();
                if (sent < settings.batchSize()) {
                    wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                recovering = true;
                failures.increment();
                LOG.warnf("Publishing to Kafka failed (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
                closeProducer();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) < 0 ? backoff.multipliedBy(2) : settings.maxBackoff();
            }
        }
    }

    private record Pending(long position, String source, String subject, long sequence, JsonNode event) {
    }

    /**
     * Sends one batch and marks what the broker acknowledged; returns how many were acknowledged.
     * Throws after committing the acknowledged part when the broker refused or timed out on the rest.
     */
    int publishBatch() {
        BatchResult result = QuarkusTransaction.requiringNew().timeout(120).call(this::sendPending);
        if (result.failure() != null) {
            throw result.failure();
        }
        return result.acknowledged();
    }

    private record BatchResult(int acknowledged, RuntimeException failure) {
    }

    private BatchResult sendPending() throws JsonProcessingException {
        Object leader = entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, PUBLISHER_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(leader)) {
            return new BatchResult(0, null);
        }
        List<Pending> batch = pending();
        if (batch.isEmpty()) {
            return new BatchResult(0, null);
        }
        KafkaProducer<String, byte[]> kafka = producer();
        // Fails the whole batch, with nothing sent, while the broker cannot even be asked for metadata.
        kafka.partitionsFor(config.topic());
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Pending event : batch) {
            Future<RecordMetadata> ack = kafka.send(CloudEventRecords.toRecord(config.topic(), event.event()));
            acks.add(ack);
            if (recovering) {
                // Just after a failure, one event at a time: none is written before an earlier one is.
                if (!acknowledged(ack)) {
                    break;
                }
            }
        }
        kafka.flush();
        List<Long> acknowledged = new ArrayList<>();
        Set<String> blockedSubjects = new HashSet<>();
        RuntimeException firstFailure = null;
        for (int i = 0; i < acks.size(); i++) {
            Pending event = batch.get(i);
            String stream = event.source() + " " + event.subject();
            try {
                acks.get(i).get();
                // After a failure in a subject, later events of it stay unpublished so that a
                // retry cannot put them before the failed one.
                if (!blockedSubjects.contains(stream)) {
                    acknowledged.add(event.position());
                }
            } catch (ExecutionException e) {
                blockedSubjects.add(stream);
                firstFailure = firstFailure == null ? new IllegalStateException(e.getCause().toString(), e.getCause()) : firstFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
        if (!acknowledged.isEmpty()) {
            entityManager.createNativeQuery("UPDATE stored_event SET published_at = now() WHERE position = ANY(?1)")
                    .setParameter(1, acknowledged.toArray(Long[]::new))
                    .executeUpdate();
            published.increment(acknowledged.size());
        }
        // What was acknowledged is committed; after a failure the loop backs off and retries the rest
        // one event at a time (see run), and a batch that goes through whole ends that.
        if (firstFailure == null) {
            recovering = false;
        }
        return new BatchResult(acknowledged.size(), firstFailure);
    }

    @SuppressWarnings("unchecked")
    private List<Pending> pending() throws JsonProcessingException {
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT position, source, subject, sequence, CAST(event AS text) FROM stored_event
                WHERE published_at IS NULL ORDER BY position LIMIT ?1""")
                .setParameter(1, config.publisher().batchSize())
                .getResultList();
        List<Pending> batch = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            batch.add(new Pending(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                    ((Number) row[3]).longValue(), mapper.readTree((String) row[4])));
        }
        // Within one (source, subject) the sequence decides; across subjects order does not matter.
        batch.sort(Comparator.comparing(Pending::source).thenComparing(Pending::subject)
                .thenComparingLong(Pending::sequence).thenComparingLong(Pending::position));
        return batch;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            long deliveryTimeout = config.publisher().deliveryTimeout().toMillis();
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "notification-service-publisher",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(deliveryTimeout, 5_000),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryTimeout - 1, 5_000),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        }
        return producer;
    }

    /** Waits for the broker's answer to one send. */
    private static boolean acknowledged(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** A producer that failed is replaced: a fresh one starts from a clean idempotence state. */
    private synchronized void closeProducer() {
        if (producer != null) {
            // Unsent records are dropped, not flushed: they stay unpublished and are sent again in order.
            producer.close(Duration.ZERO);
            producer = null;
        }
    }
}
