package org.prioritytracker.notification.deadletter;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.prioritytracker.notification.event.CloudEventJson;
import org.prioritytracker.notification.publish.EventPublisher;
import org.prioritytracker.time.PlanCalendar;
import org.prioritytracker.time.SqlTimes;

/**
 * Events the broker refused for good, kept whole so that an operator can inspect and replay them. The
 * publishers reach it through their own interface (EventPublisher.DeadLetters), so publish/ does not
 * depend on this feature, which depends on it to replay.
 */
@ApplicationScoped
public class DeadLetterStore implements EventPublisher.DeadLetters {

    /** One dead letter, without the event itself. */
    public record Entry(
            long position,
            String source,
            String id,
            String type,
            String subject,
            int bytes,
            String reason,
            OffsetDateTime failedAt,
            OffsetDateTime replayedAt) {}

    private final EntityManager entityManager;
    private final Clock clock;

    public DeadLetterStore(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    public void accept(CloudEvent event, String reason) {
        store(event, reason);
    }

    public void store(CloudEvent event, String reason) {
        String json = CloudEventJson.write(event);
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("""
                INSERT INTO dead_letter (source, id, type, subject, event, bytes, reason, failed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (source, id) DO UPDATE SET reason = EXCLUDED.reason, failed_at = EXCLUDED.failed_at,
                    replayed_at = NULL""")
                        .setParameter(1, event.getSource().toString())
                        .setParameter(2, event.getId())
                        .setParameter(3, event.getType())
                        .setParameter(4, event.getSubject())
                        .setParameter(5, json)
                        .setParameter(6, json.length())
                        .setParameter(7, reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                        .setParameter(8, PlanCalendar.now(clock))
                        .executeUpdate());
    }

    /** Dead letters not yet replayed, oldest first. */
    public long waiting() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM dead_letter WHERE replayed_at IS NULL")
                                .getSingleResult())
                        .longValue());
    }

    @SuppressWarnings("unchecked")
    public List<Entry> list(boolean includeReplayed, int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) entityManager
                                .createNativeQuery("""
                SELECT position, source, id, type, subject, bytes, reason, failed_at, replayed_at FROM dead_letter
                WHERE ?1 OR replayed_at IS NULL ORDER BY position LIMIT ?2""")
                                .setParameter(1, includeReplayed)
                                .setParameter(2, limit)
                                .getResultList())
                        .stream().map(DeadLetterStore::entry).toList());
    }

    public Optional<CloudEvent> event(long position) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery("SELECT event FROM dead_letter WHERE position = ?1")
                        .setParameter(1, position)
                        .getResultStream()
                        .findFirst()
                        .map(json -> CloudEventJson.read((String) json)));
    }

    public void markReplayed(long position) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("UPDATE dead_letter SET replayed_at = ?2 WHERE position = ?1")
                        .setParameter(1, position)
                        .setParameter(2, PlanCalendar.now(clock))
                        .executeUpdate());
    }

    public boolean discard(long position) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                                .createNativeQuery("DELETE FROM dead_letter WHERE position = ?1")
                                .setParameter(1, position)
                                .executeUpdate()
                        > 0);
    }

    private static Entry entry(Object[] row) {
        return new Entry(
                ((Number) row[0]).longValue(),
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                ((Number) row[5]).intValue(),
                (String) row[6],
                offset(row[7]),
                offset(row[8]));
    }

    private static OffsetDateTime offset(Object value) {
        Instant instant = SqlTimes.instant(value);
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
