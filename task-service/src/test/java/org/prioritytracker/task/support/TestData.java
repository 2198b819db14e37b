package org.prioritytracker.task.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.seed.SeedLoader;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.time.SqlTimes;

/** Puts the test database back to freshly seeded data with an empty outbox, and the clock back to now. */
@ApplicationScoped
public class TestData {

    private final EntityManager entityManager;
    private final SeedLoader seeds;
    private final MutableClock clock;
    private final ResponseCache responses;

    public TestData(EntityManager entityManager, SeedLoader seeds, MutableClock clock, ResponseCache responses) {
        this.entityManager = entityManager;
        this.seeds = seeds;
        this.clock = clock;
        this.responses = responses;
    }

    public void reset() {
        clock.reset();
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery(
                                "TRUNCATE outbox_event, item_history, sub_item, priority, plan, province RESTART IDENTITY")
                        .executeUpdate());
        seeds.load();
        responses.invalidate();
    }

    public long events(String subject) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE subject = ?1")
                                .setParameter(1, subject)
                                .getSingleResult())
                        .longValue());
    }

    /** The outbox rows of a subject in the order they were written, each as {@code type#sequence}. */
    @SuppressWarnings("unchecked")
    public List<String> eventSequence(String subject) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) entityManager
                                .createNativeQuery(
                                        "SELECT type, sequence FROM outbox_event WHERE subject = ?1 ORDER BY position")
                                .setParameter(1, subject)
                                .getResultList())
                        .stream().map(r -> r[0] + "#" + r[1]).toList());
    }

    /** The outbox row of a subject's event with this sequence, as the columns the capture reads. */
    public OutboxRow event(String subject, long sequence) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager
                    .createNativeQuery("""
                    SELECT CAST(id AS text), source, type, subject, time, sequence, CAST(data AS text), CAST(extensions AS text)
                    FROM outbox_event WHERE subject = ?1 AND sequence = ?2""")
                    .setParameter(1, subject)
                    .setParameter(2, sequence)
                    .getSingleResult();
            return new OutboxRow(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    SqlTimes.instant(row[4]),
                    ((Number) row[5]).longValue(),
                    (String) row[6],
                    (String) row[7]);
        });
    }

    /** One outbox row. */
    public record OutboxRow(
            String id,
            String source,
            String type,
            String subject,
            Instant time,
            long sequence,
            String data,
            String extensions) {}

    public void execute(String sql) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery(sql).executeUpdate());
        responses.invalidate();
    }
}
