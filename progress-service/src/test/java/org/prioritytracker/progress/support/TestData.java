package org.prioritytracker.progress.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.prioritytracker.progress.catalog.ItemCatalog;

/** Empties the test database, the item cache and the circuit breakers between tests. */
@ApplicationScoped
public class TestData {

    private final EntityManager entityManager;
    private final ItemCatalog catalog;
    private final CircuitBreakerMaintenance breakers;

    public TestData(EntityManager entityManager, ItemCatalog catalog, CircuitBreakerMaintenance breakers) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.breakers = breakers;
    }

    public void reset() {
        FakeTaskService.get().up();
        catalog.clear();
        breakers.resetAll();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                TRUNCATE outbox_event, item_event_sequence, latest_report, idempotency_key, report_version, report
                RESTART IDENTITY""").executeUpdate());
    }

    public long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** The outbox events of a subject in order: type and sequence, e.g. "tracker.report.submitted#1". */
    @SuppressWarnings("unchecked")
    public List<String> events(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) entityManager.createNativeQuery(
                "SELECT type, CAST(event ->> 'sequence' AS bigint) FROM outbox_event WHERE subject = ?1 ORDER BY position")
                .setParameter(1, subject).getResultList()).stream().map(r -> r[0] + "#" + r[1]).toList());
    }
}
