package org.prioritytracker.task.support;

import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.prioritytracker.task.seed.SeedLoader;

/** Puts the test database back to freshly seeded data, with nothing left for the relay to deliver. */
@ApplicationScoped
public class TestData {

    private final EntityManager entityManager;
    private final SeedLoader seeds;

    public TestData(EntityManager entityManager, SeedLoader seeds) {
        this.entityManager = entityManager;
        this.seeds = seeds;
    }

    public void reset() {
        EventReceiver.get().up();
        EventReceiver.get().failNext(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingEvents() == 0);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "TRUNCATE outbox_event, item_history, sub_item, priority, province RESTART IDENTITY").executeUpdate());
        seeds.load();
        EventReceiver.get().clear();
    }

    public long pendingEvents() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE delivered_at IS NULL").getSingleResult()).longValue());
    }

    public long events(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE subject = ?1")
                .setParameter(1, subject).getSingleResult()).longValue());
    }

    public void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(sql).executeUpdate());
    }
}
