package org.prioritytracker.progress.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Forgets Idempotency-Keys after the retention (48 hours by default; the promise is at least 24). */
@ApplicationScoped
public class IdempotencyKeyCleanup {

    private final EntityManager entityManager;
    private final Duration retention;
    private final Clock clock;

    public IdempotencyKeyCleanup(
            EntityManager entityManager,
            @ConfigProperty(name = "tracker.idempotency.retention", defaultValue = "48h") Duration retention,
            Clock clock) {
        this.entityManager = entityManager;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(identity = "idempotency-key-cleanup", every = "${tracker.idempotency.cleanup-every:1h}", delayed = "1m")
    void scheduled() {
        removeExpired();
    }

    /** Returns how many keys were forgotten. */
    @Transactional
    public int removeExpired() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        return entityManager
                .createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
