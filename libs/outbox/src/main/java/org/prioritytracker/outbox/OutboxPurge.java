package org.prioritytracker.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows older than the retention. Deletes are not part of the publication, so the
 * purge never reaches the topic; notification-service keeps the published events.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;

    public OutboxPurge(EntityManager entityManager, OutboxConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            identity = "outbox-purge",
            every = "${tracker.outbox.purge-every}",
            delayed = "${tracker.outbox.purge-delay}")
    void scheduled() {
        int purged = purge();
        if (purged > 0) {
            LOG.infof("Purged %d outbox rows older than %s", purged, config.retention());
        }
    }

    /** Returns how many rows were deleted. */
    @Transactional
    public int purge() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(config.retention()), ZoneOffset.UTC);
        return entityManager
                .createNativeQuery("DELETE FROM outbox_event WHERE time < ?1")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
