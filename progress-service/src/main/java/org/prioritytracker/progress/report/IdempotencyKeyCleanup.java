package org.prioritytracker.progress.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Forgets Idempotency-Keys after the retention (48 hours by default; the promise is at least 24). */
@ApplicationScoped
public class IdempotencyKeyCleanup {

    private final EntityManager entityManager;
    private final Duration retention;

    public IdempotencyKeyCleanup(EntityManager entityManager,
            @ConfigProperty(name = "tracker.idempotency.retention", defaultValue = "48h") Duration retention) {
        this.entityManager = entityManager;
        this.retention = retention;
    }

    @Scheduled(identity = "idempotency-key-cleanup", every = "1h", delayed = "1m")
    @Transactional
    void removeExpired() {
        entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < now() - CAST(?1 AS interval)")
                .setParameter(1, retention.toSeconds() + " seconds").executeUpdate();
    }
}
