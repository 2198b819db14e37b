package org.prioritytracker.progress.timeliness;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.CalendarTerms;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.time.PlanCalendar;

/** Completeness and timeliness, as DHIS2 reports them: the {@link Obligations} of the due periods, tallied. */
@ApplicationScoped
public class TimelinessService {

    private final Obligations obligations;
    private final CalendarService calendars;
    private final Bureaus bureaus;
    private final ItemCatalog catalog;
    private final Clock clock;

    public TimelinessService(
            Obligations obligations, CalendarService calendars, Bureaus bureaus, ItemCatalog catalog, Clock clock) {
        this.obligations = obligations;
        this.calendars = calendars;
        this.bureaus = bureaus;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param period           one period of the plan, or null for every period whose deadline has passed
     * @param confinedProvince a reporter's province: the bureau list holds it alone; null for all
     */
    public Timeliness timeliness(int planYear, String period, String confinedProvince) {
        List<PriorityInfo> priorities = obligations.plan(planYear);
        CalendarTerms terms = calendars.terms(planYear);
        LocalDate today = PlanCalendar.today(clock);
        List<Period> periods = period == null ? terms.duePeriods(today) : List.of(onePeriod(period, terms));

        Tally national = new Tally();
        Map<String, Tally> byPriority = new LinkedHashMap<>();
        priorities.forEach(priority -> byPriority.put(priority.code(), new Tally()));
        Map<String, Tally> byBureau = new LinkedHashMap<>();
        bureaus.all().forEach(bureau -> byBureau.put(bureau.code(), new Tally()));
        Map<String, Instant> deactivations = catalog.deactivations();
        obligations.forEach(priorities, terms, periods, null, deactivations, owed -> {
            national.expect(owed.reported(), owed.onTime());
            byPriority.get(owed.priority().code()).expect(owed.reported(), owed.onTime());
            byBureau.get(owed.provinceCode()).expect(owed.reported(), owed.onTime());
        });
        return new Timeliness(
                planYear,
                terms.cadence(),
                periods.stream()
                        .map(p -> new Timeliness.PeriodDue(
                                p.text(), terms.deadline(p), terms.deadline(p).isBefore(today)))
                        .toList(),
                national.rates(),
                priorities.stream()
                        .map(p -> new Timeliness.PriorityRates(
                                p.code(),
                                p.titleZh(),
                                p.titleEn(),
                                byPriority.get(p.code()).rates()))
                        .toList(),
                bureauRates(byBureau, deactivations.keySet(), confinedProvince));
    }

    private List<Timeliness.BureauRates> bureauRates(
            Map<String, Tally> byBureau, Set<String> deactivated, String confinedProvince) {
        List<Timeliness.BureauRates> rates = new ArrayList<>();
        for (Bureaus.Bureau bureau : bureaus.all()) {
            if (confinedProvince == null || confinedProvince.equals(bureau.code())) {
                rates.add(new Timeliness.BureauRates(
                        bureau.code(),
                        bureau.nameZh(),
                        bureau.nameEn(),
                        !deactivated.contains(bureau.code()),
                        byBureau.get(bureau.code()).rates()));
            }
        }
        Comparator<Double> lowestFirst = Comparator.nullsLast(Comparator.naturalOrder());
        rates.sort(Comparator.comparing((Timeliness.BureauRates b) -> b.rates().timelinessPercent(), lowestFirst)
                .thenComparing(b -> b.rates().completenessPercent(), lowestFirst)
                .thenComparing(Timeliness.BureauRates::provinceCode));
        return rates;
    }

    private static Period onePeriod(String text, CalendarTerms terms) {
        Period period = Period.parse(text.strip());
        if (period == null || !terms.reports(period)) {
            throw ProblemException.badRequest("period", terms.periodRule());
        }
        return period;
    }
}
