package org.prioritytracker.progress.timeliness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.CalendarTerms;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.time.PlanCalendar;
import org.prioritytracker.time.SqlTimes;

/**
 * The reports the bureaus owe, as DHIS2 counts them: every bureau one per sub-item of the plan and
 * period. An item added during the year owes only periods due after it was added; an archived one
 * only periods that were due before it was archived. A report for the period, or for a month within
 * it, meets the obligation, as of its first version (amendments do not move that). A deactivated
 * bureau owes only periods that were due before it was deactivated.
 */
@ApplicationScoped
public class Obligations {

    /**
     * One report a bureau owes.
     *
     * @param firstReported the Beijing day the report first came; null while it has not
     */
    public record Obligation(
            String provinceCode,
            PriorityInfo priority,
            PriorityInfo.Item item,
            Period period,
            LocalDate deadline,
            LocalDate firstReported) {

        public boolean reported() {
            return firstReported != null;
        }

        public boolean onTime() {
            return firstReported != null && !firstReported.isAfter(deadline);
        }
    }

    private record Cell(String provinceCode, String itemCode, String period) {}

    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final EntityManager entityManager;

    public Obligations(ItemCatalog catalog, Bureaus bureaus, EntityManager entityManager) {
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.entityManager = entityManager;
    }

    /** The plan's priorities with their items, archived ones included; 404 when no plan has the year. */
    public List<PriorityInfo> plan(int planYear) {
        return catalog.plan(planYear)
                .orElseThrow(() -> ProblemException.notFound("No plan has the year " + planYear + "."));
    }

    /**
     * Every obligation of these periods, in plan order (priority, item, period, bureau).
     *
     * @param province one bureau's only, or null for every bureau's
     */
    public void forEach(
            List<PriorityInfo> priorities,
            CalendarTerms terms,
            List<Period> periods,
            String province,
            Consumer<Obligation> each) {
        forEach(priorities, terms, periods, province, catalog.deactivations(), each);
    }

    /**
     * As {@link #forEach(List, CalendarTerms, List, String, Consumer)}, with the bureaus' deactivations
     * the caller read, so that one answer rests on one reading of them.
     */
    public void forEach(
            List<PriorityInfo> priorities,
            CalendarTerms terms,
            List<Period> periods,
            String province,
            Map<String, Instant> deactivations,
            Consumer<Obligation> each) {
        Map<Cell, LocalDate> firstReported = firstReports(priorities, periods, province);
        for (PriorityInfo priority : priorities) {
            for (PriorityInfo.Item item : priority.items()) {
                for (Period period : periods) {
                    LocalDate deadline = terms.deadline(period);
                    if (!owed(item, deadline)) {
                        continue;
                    }
                    for (Bureaus.Bureau bureau : bureaus.all()) {
                        if ((province == null || province.equals(bureau.code()))
                                && activeAfter(deactivations.get(bureau.code()), deadline)) {
                            each.accept(new Obligation(
                                    bureau.code(),
                                    priority,
                                    item,
                                    period,
                                    deadline,
                                    firstReported.get(new Cell(bureau.code(), item.code(), period.text()))));
                        }
                    }
                }
            }
        }
    }

    /** Owed when the item existed by the deadline and was not archived by then. */
    private static boolean owed(PriorityInfo.Item item, LocalDate deadline) {
        boolean existed = item.createdAt() == null
                || !beijingDay(item.createdAt().toInstant()).isAfter(deadline);
        return existed
                && activeAfter(
                        item.archivedAt() == null ? null : item.archivedAt().toInstant(), deadline);
    }

    /** Whether an item or bureau ended (archived, deactivated) at {@code endedAt} still owed on the deadline day. */
    private static boolean activeAfter(Instant endedAt, LocalDate deadline) {
        return endedAt == null || beijingDay(endedAt).isAfter(deadline);
    }

    /** When each (bureau, item, period) was first reported: by the earliest report for it or a month within it. */
    @SuppressWarnings("unchecked")
    private Map<Cell, LocalDate> firstReports(List<PriorityInfo> priorities, List<Period> periods, String province) {
        List<String> items = priorities.stream()
                .flatMap(p -> p.items().stream())
                .map(PriorityInfo.Item::code)
                .toList();
        Map<Cell, LocalDate> first = new HashMap<>();
        if (items.isEmpty() || periods.isEmpty()) {
            return first;
        }
        Map<String, String> counted = new HashMap<>();
        for (Period period : periods) {
            counted.put(period.text(), period.text());
            period.months().forEach(month -> counted.put(month.text(), period.text()));
        }
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                SELECT province_code, item_code, period, first_submitted_at FROM report
                WHERE period = ANY(CAST(?1 AS text[])) AND item_code = ANY(CAST(?2 AS text[]))
                  AND (CAST(?3 AS text) IS NULL OR province_code = CAST(?3 AS text))""")
                .setParameter(1, counted.keySet().toArray(String[]::new))
                .setParameter(2, items.toArray(String[]::new))
                .setParameter(3, province)
                .getResultList();
        for (Object[] row : rows) {
            Cell cell = new Cell((String) row[0], (String) row[1], counted.get((String) row[2]));
            first.merge(cell, beijingDay(SqlTimes.instant(row[3])), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    private static LocalDate beijingDay(Instant instant) {
        return instant.atZone(PlanCalendar.ZONE).toLocalDate();
    }
}
