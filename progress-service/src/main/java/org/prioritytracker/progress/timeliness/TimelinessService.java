package org.prioritytracker.progress.timeliness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.CalendarTerms;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.progress.report.Period;
import org.prioritytracker.time.PlanCalendar;

/**
 * Completeness and timeliness, as DHIS2 reports them: every active bureau owes one report per
 * sub-item of the plan and due period. An item added during the year owes reports only for periods
 * due after it was added; an archived one only for periods that were due before it was archived. A
 * report for the period, or for a month within it, meets the obligation; it is on time when its first
 * version came by the period's deadline (Beijing calendar), and amendments do not move that.
 */
@ApplicationScoped
public class TimelinessService {

    private record Cell(String provinceCode, String itemCode, String period) {
    }

    private final ItemCatalog catalog;
    private final CalendarService calendars;
    private final Bureaus bureaus;
    private final EntityManager entityManager;
    private final Clock clock;

    public TimelinessService(ItemCatalog catalog, CalendarService calendars, Bureaus bureaus, EntityManager entityManager,
            Clock clock) {
        this.catalog = catalog;
        this.calendars = calendars;
        this.bureaus = bureaus;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * @param period           one period of the plan, or null for every period whose deadline has passed
     * @param confinedProvince a reporter's province: the bureau list holds it alone; null for all
     */
    public Timeliness timeliness(int planYear, String period, String confinedProvince) {
        List<PriorityInfo> priorities = catalog.plan(planYear)
                .orElseThrow(() -> ProblemException.notFound("No plan has the year " + planYear + "."));
        CalendarTerms terms = calendars.terms(planYear);
        LocalDate today = PlanCalendar.today(clock);
        List<Period> periods = period == null ? terms.duePeriods(today) : List.of(onePeriod(period, terms));

        Map<Cell, LocalDate> firstSubmitted = firstSubmissions(priorities, periods);
        Tally national = new Tally();
        Map<String, Tally> byPriority = new LinkedHashMap<>();
        Map<String, Tally> byBureau = new LinkedHashMap<>();
        bureaus.all().forEach(bureau -> byBureau.put(bureau.code(), new Tally()));
        for (PriorityInfo priority : priorities) {
            Tally priorityTally = byPriority.computeIfAbsent(priority.code(), code -> new Tally());
            for (PriorityInfo.Item item : priority.items()) {
                for (Period due : periods) {
                    LocalDate deadline = terms.deadline(due);
                    if (!expected(item, deadline)) {
                        continue;
                    }
                    for (Map.Entry<String, Tally> bureau : byBureau.entrySet()) {
                        LocalDate submitted = firstSubmitted.get(new Cell(bureau.getKey(), item.code(), due.text()));
                        boolean reported = submitted != null;
                        boolean onTime = reported && !submitted.isAfter(deadline);
                        national.expect(reported, onTime);
                        priorityTally.expect(reported, onTime);
                        bureau.getValue().expect(reported, onTime);
                    }
                }
            }
        }
        return new Timeliness(planYear, terms.cadence(),
                periods.stream().map(p -> new Timeliness.PeriodDue(p.text(), terms.deadline(p), terms.deadline(p).isBefore(today)))
                        .toList(),
                national.rates(),
                priorities.stream().map(p -> new Timeliness.PriorityRates(p.code(), p.titleZh(), p.titleEn(),
                        byPriority.get(p.code()).rates())).toList(),
                bureauRates(byBureau, confinedProvince));
    }

    /** Owed when the item existed by the deadline and was not archived by then. */
    private static boolean expected(PriorityInfo.Item item, LocalDate deadline) {
        boolean existed = item.createdAt() == null || !beijingDay(item.createdAt()).isAfter(deadline);
        boolean stillActive = item.archivedAt() == null || beijingDay(item.archivedAt()).isAfter(deadline);
        return existed && stillActive;
    }

    private List<Timeliness.BureauRates> bureauRates(Map<String, Tally> byBureau, String confinedProvince) {
        List<Timeliness.BureauRates> rates = new ArrayList<>();
        for (Bureaus.Bureau bureau : bureaus.all()) {
            if (confinedProvince == null || confinedProvince.equals(bureau.code())) {
                rates.add(new Timeliness.BureauRates(bureau.code(), bureau.nameZh(), bureau.nameEn(),
                        byBureau.get(bureau.code()).rates()));
            }
        }
        Comparator<Double> lowestFirst = Comparator.nullsLast(Comparator.naturalOrder());
        rates.sort(Comparator.comparing((Timeliness.BureauRates b) -> b.rates().timelinessPercent(), lowestFirst)
                .thenComparing(b -> b.rates().completenessPercent(), lowestFirst)
                .thenComparing(Timeliness.BureauRates::provinceCode));
        return rates;
    }

    /**
     * When each (bureau, item, period) of these was first reported, as a Beijing day: by the earliest
     * report for the period or for a month within it.
     */
    @SuppressWarnings("unchecked")
    private Map<Cell, LocalDate> firstSubmissions(List<PriorityInfo> priorities, List<Period> periods) {
        List<String> items = priorities.stream().flatMap(p -> p.items().stream()).map(PriorityInfo.Item::code).toList();
        Map<Cell, LocalDate> first = new HashMap<>();
        if (items.isEmpty() || periods.isEmpty()) {
            return first;
        }
        Map<String, String> counted = new HashMap<>();
        for (Period period : periods) {
            counted.put(period.text(), period.text());
            period.months().forEach(month -> counted.put(month.text(), period.text()));
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT province_code, item_code, period, first_submitted_at FROM report
                WHERE period = ANY(CAST(?1 AS text[])) AND item_code = ANY(CAST(?2 AS text[]))""")
                .setParameter(1, counted.keySet().toArray(String[]::new))
                .setParameter(2, items.toArray(String[]::new))
                .getResultList();
        for (Object[] row : rows) {
            Cell cell = new Cell((String) row[0], (String) row[1], counted.get((String) row[2]));
            first.merge(cell, beijingDay(instant(row[3])), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    private Period onePeriod(String text, CalendarTerms terms) {
        Period period = Period.parse(text.strip());
        if (period == null || !terms.reports(period)) {
            throw ProblemException.badRequest("period", terms.periodRule());
        }
        return period;
    }

    private static LocalDate beijingDay(OffsetDateTime time) {
        return beijingDay(time.toInstant());
    }

    private static LocalDate beijingDay(Instant instant) {
        return instant.atZone(PlanCalendar.ZONE).toLocalDate();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
