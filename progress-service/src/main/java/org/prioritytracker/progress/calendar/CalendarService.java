package org.prioritytracker.progress.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.time.PlanCalendar;

/**
 * The plans' reporting calendars: which periods a plan reports, when each is due, and when it locks.
 * Submissions ask it on every report, so each instance keeps the calendars for a short while; a
 * change is seen at once here and within {@link #CACHED_FOR} on the other instances.
 */
@ApplicationScoped
public class CalendarService {

    static final Duration CACHED_FOR = Duration.ofSeconds(30);

    private final CalendarConfig defaults;
    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final EntityManager entityManager;
    private final ResponseCache rollups;
    private final Clock clock;
    private final Cache<Integer, CalendarTerms> terms =
            Caffeine.newBuilder().maximumSize(100).expireAfterWrite(CACHED_FOR).build();

    public CalendarService(
            CalendarConfig defaults,
            ItemCatalog catalog,
            Bureaus bureaus,
            EntityManager entityManager,
            ResponseCache rollups,
            Clock clock) {
        this.defaults = defaults;
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** The calendar a plan follows: the ministry's, or the configured defaults. */
    public CalendarTerms terms(int planYear) {
        return terms.get(
                planYear,
                year -> QuarkusTransaction.joiningExisting().call(() -> {
                    ReportingCalendar row = ReportingCalendar.findById(year);
                    return row != null && row.version > 0 ? row.terms() : defaultTerms(year);
                }));
    }

    /** Forgets the calendars kept (tests, and an operator after a change made in the database by hand). */
    public void forget() {
        terms.invalidateAll();
    }

    public CalendarView view(int planYear) {
        requirePlan(planYear);
        ReportingCalendar row = ReportingCalendar.findById(planYear);
        return CalendarView.of(terms(planYear), row, bureauApproval(planYear, row));
    }

    /** Whether the plan year's reports need the bureau's approval; read fresh, as only reviews ask. */
    public BureauApproval bureauApproval(int planYear) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> bureauApproval(planYear, ReportingCalendar.findById(planYear)));
    }

    private BureauApproval bureauApproval(int planYear, ReportingCalendar row) {
        if (row != null && row.bureauApproval != null) {
            return row.bureauApproval;
        }
        return planYear >= defaults.bureauApprovalFrom() ? BureauApproval.REQUIRED : BureauApproval.NOT_REQUIRED;
    }

    /** Replaces a plan's calendar, against its version (0 while the defaults apply). */
    @Transactional
    public CalendarView replace(int planYear, CalendarRequest request, String ifMatch, String actor) {
        requirePlan(planYear);
        if (request.lockDays() != null && request.lockDays() < request.deadlineDays()) {
            throw ProblemException.badRequest(
                    "lockDays",
                    "must be at least deadlineDays (" + request.deadlineDays()
                            + "): a period must not lock before its reports are due");
        }
        // A row at version 0 stands for the defaults (its values are not read), so that concurrent first
        // changes lock one row.
        entityManager
                .createNativeQuery("""
                INSERT INTO reporting_calendar (plan_year, cadence, deadline_days, reminder_days, lock_days, version,
                                                updated_by, updated_at)
                VALUES (?1, 'QUARTERLY', 0, 0, NULL, 0, '', ?2) ON CONFLICT (plan_year) DO NOTHING""")
                .setParameter(1, planYear)
                .setParameter(2, PlanCalendar.now(clock))
                .executeUpdate();
        ReportingCalendar row = ReportingCalendar.findById(planYear, LockModeType.PESSIMISTIC_WRITE);
        Preconditions.requireCurrent(ifMatch, row.version, "calendar");
        row.cadence = request.cadence();
        row.deadlineDays = request.deadlineDays();
        row.reminderDays = request.reminderDays();
        row.lockDays = request.lockDays();
        if (request.bureauApproval() != null) {
            row.bureauApproval = request.bureauApproval();
        }
        row.version++;
        row.updatedBy = actor;
        row.updatedAt = PlanCalendar.now(clock);
        terms.invalidate(planYear);
        // The timeliness rollups count by the calendar.
        rollups.invalidateOnCommit();
        return CalendarView.of(row.terms(), row, bureauApproval(planYear, row));
    }

    /**
     * Refuses an entry for a period that has locked, unless the ministry reopened it for the bureau, and
     * one from a deactivated bureau for a period it no longer owes (due after its deactivation).
     */
    public void requireOpen(Period period, String provinceCode) {
        LocalDate today = PlanCalendar.today(clock);
        CalendarTerms calendar = terms(period.year());
        Instant deactivatedAt = catalog.deactivationsIfKnown().get(provinceCode);
        if (deactivatedAt != null) {
            LocalDate deactivatedOn = deactivatedAt.atZone(PlanCalendar.ZONE).toLocalDate();
            if (!deactivatedOn.isAfter(calendar.deadline(period))) {
                throw new DomainException.WorkflowViolation(
                        "Bureau " + provinceCode + " was deactivated on " + deactivatedOn
                                + ": it reports no period due after that.",
                        "period",
                        "is due on " + calendar.deadline(period) + ", after the bureau's deactivation on "
                                + deactivatedOn);
            }
        }
        if (calendar.lockedOn(period, today) && !PeriodReopening.openOn(provinceCode, period.text(), today)) {
            throw new DomainException.WorkflowViolation(
                    "The period " + period.text() + " took its last entries on " + calendar.lastEntryDay(period)
                            + "; the ministry can reopen it for your bureau.",
                    "period",
                    "is closed to entries since "
                            + calendar.lastEntryDay(period).plusDays(1));
        }
    }

    public List<ReopeningView> reopenings(int planYear, String confinedProvince) {
        requirePlan(planYear);
        List<String> periods =
                terms(planYear).periods().stream().map(Period::text).toList();
        List<PeriodReopening> rows = confinedProvince == null
                ? PeriodReopening.list("period in ?1 order by period, provinceCode", periods)
                : PeriodReopening.list("period in ?1 and provinceCode = ?2 order by period", periods, confinedProvince);
        return rows.stream().map(ReopeningView::of).toList();
    }

    @Transactional
    public ReopeningView reopen(int planYear, ReopeningRequest request, String actor) {
        requirePlan(planYear);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!bureaus.exists(request.provinceCode())) {
            errors.add(new Problem.FieldError(
                    "provinceCode",
                    "'" + request.provinceCode() + "' is not one of the " + bureaus.count() + " reporting bureaus"));
        }
        Period period = Period.parse(request.period());
        if (period == null || period.year() != planYear) {
            errors.add(new Problem.FieldError(
                    "period", "must be a period of the " + planYear + " plan, such as " + planYear + "-Q1"));
        }
        LocalDate today = PlanCalendar.today(clock);
        if (request.openUntil().isBefore(today)) {
            errors.add(new Problem.FieldError(
                    "openUntil", "must not lie in the past (today is " + today + ", Beijing time)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        entityManager
                .createNativeQuery("""
                INSERT INTO period_reopening (province_code, period, open_until, reopened_by, reopened_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (province_code, period) DO UPDATE SET open_until = EXCLUDED.open_until,
                    reopened_by = EXCLUDED.reopened_by, reopened_at = EXCLUDED.reopened_at""")
                .setParameter(1, request.provinceCode())
                .setParameter(2, period.text())
                .setParameter(3, request.openUntil())
                .setParameter(4, actor)
                .setParameter(5, PlanCalendar.now(clock))
                .executeUpdate();
        PeriodReopening.Key key = new PeriodReopening.Key();
        key.provinceCode = request.provinceCode();
        key.period = period.text();
        return ReopeningView.of(PeriodReopening.findById(key));
    }

    /** Closes a reopened period again; false when it was not reopened. */
    @Transactional
    public boolean close(int planYear, String provinceCode, String period) {
        requirePlan(planYear);
        return PeriodReopening.delete("provinceCode = ?1 and period = ?2", provinceCode, period) > 0;
    }

    private void requirePlan(int planYear) {
        if (catalog.plan(planYear).isEmpty()) {
            throw ProblemException.notFound("No plan has the year " + planYear + ".");
        }
    }

    private CalendarTerms defaultTerms(int planYear) {
        return new CalendarTerms(
                planYear,
                defaults.cadence(),
                defaults.deadlineDays(),
                defaults.reminderDays(),
                defaults.lockDays().orElse(null));
    }
}
