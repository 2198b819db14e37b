package org.prioritytracker.progress.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.prioritytracker.progress.security.ServiceToken;

/**
 * Delivers pending outbox rows to notification-service, oldest first, as one
 * {@code application/cloudevents-batch+json} request per batch; only a 2xx marks them delivered.
 *
 * <p>A commit that wrote events wakes the relay at once; a slow poll catches anything else (rows
 * left from before a restart). One relay delivers at a time across all instances (a transaction
 * advisory lock), and it sends rows in outbox order, so one subject's events are never reordered.
 * While notification-service is unreachable it retries with exponential backoff.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: "outbox" in ASCII, so that no other lock of this database collides. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;
    static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";

    private final EntityManager entityManager;
    private final OutboxConfig.Relay config;
    private final ServiceToken token;
    private final Semaphore wake = new Semaphore(0);
    private final Counter delivered;
    private final Counter failures;
    private HttpClient http;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(EntityManager entityManager, OutboxConfig config, ServiceToken token, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.config = config.relay();
        this.token = token;
        this.delivered = registry.counter("tracker.outbox.delivered");
        this.failures = registry.counter("tracker.outbox.delivery.failures");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled in this instance");
            return;
        }
        http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5_000);
        }
    }

    /** Wakes the relay as soon as a transaction that wrote events has committed. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake.release();
    }

    private void run() {
        Duration backoff = config.initialBackoff();
        while (running) {
            try {
                int sent = deliverBatch();
                backoff = config.initialBackoff();
                if (sent < config.batchSize()) {
                    // Nothing more is pending: sleep until a commit wakes us or the poll interval ends.
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf("Outbox delivery failed (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
                if (!sleep(backoff)) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    /** Delivers one batch; returns how many events were delivered (0 when another instance holds the relay). */
    int deliverBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object leader = entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    SELECT position, CAST(event AS text) FROM outbox_event
                    WHERE delivered_at IS NULL ORDER BY position LIMIT ?1""")
                    .setParameter(1, config.batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            post(rows.stream().map(row -> (String) row[1]).toList());
            Long[] positions = rows.stream().map(row -> ((Number) row[0]).longValue()).toArray(Long[]::new);
            entityManager.createNativeQuery("UPDATE outbox_event SET delivered_at = now() WHERE position = ANY(?1)")
                    .setParameter(1, positions)
                    .executeUpdate();
            delivered.increment(rows.size());
            return rows.size();
        });
    }

    private void post(List<String> events) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.notificationUrl() + "/internal/events"))
                .timeout(config.requestTimeout())
                .header("Content-Type", BATCH_MEDIA_TYPE)
                .header("Authorization", "Bearer " + token.current())
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("notification-service unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("notification-service answered " + response.statusCode() + ": " + response.body());
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static final class DeliveryException extends RuntimeException {
        DeliveryException(String message) {
            super(message, null, false, false);
        }
    }
}
