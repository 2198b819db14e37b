package org.prioritytracker.progress.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.testsupport.MutableClock;

/** Empties the test database, the item and rollup caches and the circuit breakers between tests, and sets the clock back to now. */
@ApplicationScoped
public class TestData {

    private final EntityManager entityManager;
    private final ItemCatalog catalog;
    private final CircuitBreakerMaintenance breakers;
    private final MutableClock clock;
    private final ResponseCache rollups;
    private final CalendarService calendars;

    public TestData(
            EntityManager entityManager,
            ItemCatalog catalog,
            CircuitBreakerMaintenance breakers,
            MutableClock clock,
            ResponseCache rollups,
            CalendarService calendars) {
        this.entityManager = entityManager;
        this.catalog = catalog;
        this.breakers = breakers;
        this.clock = clock;
        this.rollups = rollups;
        this.calendars = calendars;
    }

    public void reset() {
        clock.reset();
        FakeTaskService.get().up();
        FakeTaskService.get().failing(false);
        FakeTaskService.get().reset();
        catalog.clear();
        calendars.forget();
        breakers.resetAll();
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery("""
                TRUNCATE outbox_event, latest_report, idempotency_key, report_version, report, reporting_calendar, report_drafts,
                    period_reopening, reminder_sent RESTART IDENTITY""").executeUpdate());
        rollups.invalidate();
    }

    public long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** The outbox events of a subject in the order written: type and sequence, e.g. "tracker.report.submitted#1". */
    @SuppressWarnings("unchecked")
    public List<String> events(String subject) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) entityManager
                                .createNativeQuery(
                                        "SELECT type, sequence FROM outbox_event WHERE subject = ?1 ORDER BY position")
                                .setParameter(1, subject)
                                .getResultList())
                        .stream().map(r -> r[0] + "#" + r[1]).toList());
    }

    /** The data of every outbox event of a subject and type, as JSON text, in the order written. */
    @SuppressWarnings("unchecked")
    public List<String> eventData(String subject, String type) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) entityManager
                .createNativeQuery(
                        "SELECT CAST(data AS TEXT) FROM outbox_event WHERE subject = ?1 AND type = ?2 ORDER BY position")
                .setParameter(1, subject)
                .setParameter(2, type)
                .getResultList());
    }

    /** The province extension of every outbox event of a subject, in the order written. */
    @SuppressWarnings("unchecked")
    public List<String> eventProvinces(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) entityManager
                .createNativeQuery(
                        "SELECT extensions ->> 'province' FROM outbox_event WHERE subject = ?1 ORDER BY position")
                .setParameter(1, subject)
                .getResultList());
    }
}
