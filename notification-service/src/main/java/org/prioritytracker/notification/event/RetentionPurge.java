package org.prioritytracker.notification.event;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Deletes published events and replayed dead letters past their retention ({@link RetentionConfig}). */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    /** What one purge deleted. */
    public record Purged(int publishedEvents, int deadLetters) {}

    private final EntityManager entityManager;
    private final RetentionConfig config;
    private final Clock clock;

    public RetentionPurge(EntityManager entityManager, RetentionConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            identity = "retention-purge",
            every = "${tracker.retention.purge-every:1h}",
            delayed = "${tracker.retention.purge-delay:5m}")
    void scheduled() {
        Purged purged = purge();
        if (purged.publishedEvents() > 0 || purged.deadLetters() > 0) {
            LOG.infof(
                    "Purged %d published events older than %s and %d dead letters replayed more than %s ago",
                    purged.publishedEvents(),
                    config.publishedEvents(),
                    purged.deadLetters(),
                    config.replayedDeadLetters());
        }
    }

    @Transactional
    public Purged purge() {
        int events = entityManager
                .createNativeQuery("DELETE FROM published_event WHERE published_at < ?1")
                .setParameter(1, before(config.publishedEvents()))
                .executeUpdate();
        int deadLetters = entityManager
                .createNativeQuery("DELETE FROM dead_letter WHERE replayed_at < ?1")
                .setParameter(1, before(config.replayedDeadLetters()))
                .executeUpdate();
        return new Purged(events, deadLetters);
    }

    private OffsetDateTime before(Duration age) {
        return OffsetDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC);
    }
}
