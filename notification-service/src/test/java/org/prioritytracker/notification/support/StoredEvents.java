package org.prioritytracker.notification.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Direct reads and resets of the service's own event store. */
@ApplicationScoped
public class StoredEvents {

    private final EntityManager entityManager;

    public StoredEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void clear() {
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("TRUNCATE stored_event RESTART IDENTITY").executeUpdate());
    }

    public long count() {
        return scalar("SELECT count(*) FROM stored_event");
    }

    public long unpublished() {
        return scalar("SELECT count(*) FROM stored_event WHERE published_at IS NULL");
    }

    private long scalar(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
