package org.prioritytracker.progress.reminder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.CalendarTerms;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.progress.report.ReportEvents;
import org.prioritytracker.progress.timeliness.Obligations;
import org.prioritytracker.time.PlanCalendar;

/**
 * Reminds each bureau of the reports it owes, once per bureau, item, period and kind: from the
 * reminder day to the deadline {@code tracker.report.due}, after it {@code tracker.report.late} (for
 * {@link ReminderConfig#lateForDays()} days at most). A reminder is recorded in {@code reminder_sent}
 * in the transaction that writes its event, so two instances checking at once send it once, and a
 * second run adds none. Reminders are province data: their events carry the bureau's province. A
 * deactivated bureau gets none.
 */
@ApplicationScoped
public class ReminderCheck {

    private static final Logger LOG = Logger.getLogger(ReminderCheck.class);

    private enum Kind {
        DUE,
        LATE
    }

    private final ItemCatalog catalog;
    private final CalendarService calendars;
    private final Obligations obligations;
    private final ReminderConfig config;
    private final OutboxWriter outbox;
    private final EntityManager entityManager;
    private final Clock clock;
    /** Checks that finished: with the reminders sent, how an operator (or a test) sees that a run added none. */
    private final Counter checks;

    private final Counter sentReminders;

    public ReminderCheck(
            ItemCatalog catalog,
            CalendarService calendars,
            Obligations obligations,
            ReminderConfig config,
            OutboxWriter outbox,
            EntityManager entityManager,
            Clock clock,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.calendars = calendars;
        this.obligations = obligations;
        this.config = config;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
        this.checks = Counter.builder("tracker.reminders.checks")
                .description("Reminder checks that finished")
                .register(registry);
        this.sentReminders = Counter.builder("tracker.reminders.sent")
                .description("Report reminders sent")
                .register(registry);
    }

    @Scheduled(
            identity = "reminder-check",
            every = "${tracker.reminders.every}",
            delayed = "${tracker.reminders.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int sent = run();
            sentReminders.increment(sent);
            checks.increment();
            if (sent > 0) {
                LOG.infof("Sent %d report reminders", sent);
            }
        } catch (RuntimeException e) {
            // task-service may be away: the next run tries again, and sends what this one did not.
            LOG.warnf("The reminder check did not finish (%s); the next run catches up", e.toString());
        }
    }

    /** Sends the reminders due today that were not sent before; returns how many it sent. */
    public int run() {
        LocalDate today = PlanCalendar.today(clock);
        int sent = 0;
        for (int planYear : catalog.planYears()) {
            CalendarTerms terms = calendars.terms(planYear);
            List<PriorityInfo> priorities = null;
            for (Period period : terms.periods()) {
                Kind kind = kind(terms, period, today);
                if (kind == null) {
                    continue;
                }
                if (priorities == null) {
                    priorities = obligations.plan(planYear);
                }
                sent += remind(kind, planYear, priorities, terms, period);
            }
        }
        return sent;
    }

    private Kind kind(CalendarTerms terms, Period period, LocalDate today) {
        LocalDate deadline = terms.deadline(period);
        if (!today.isBefore(terms.reminderDay(period)) && !today.isAfter(deadline)) {
            return Kind.DUE;
        }
        if (today.isAfter(deadline) && !today.isAfter(deadline.plusDays(config.lateForDays()))) {
            return Kind.LATE;
        }
        return null;
    }

    /** One period's reminders of one kind, in one transaction. */
    private int remind(Kind kind, int planYear, List<PriorityInfo> priorities, CalendarTerms terms, Period period) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Obligations.Obligation> open = new ArrayList<>();
            // A deactivated bureau may still owe periods due before; it is not contacted any more.
            Map<String, Instant> deactivations = catalog.deactivations();
            obligations.forEach(priorities, terms, List.of(period), null, deactivations, owed -> {
                if (!owed.reported() && !deactivations.containsKey(owed.provinceCode())) {
                    open.add(owed);
                }
            });
            Set<String> sentBefore = sent(kind, period);
            Map<String, List<OutboxWriter.Draft>> byItem = new LinkedHashMap<>();
            for (Obligations.Obligation owed : open) {
                if (!sentBefore.contains(owed.provinceCode() + "|" + owed.item().code()) && claim(kind, owed)) {
                    byItem.computeIfAbsent(owed.item().code(), code -> new ArrayList<>())
                            .add(new OutboxWriter.Draft(
                                    kind == Kind.DUE ? ReminderEvents.DUE : ReminderEvents.LATE,
                                    new ReminderEvents.Reminder(
                                            owed.item().code(),
                                            owed.priority().code(),
                                            planYear,
                                            owed.provinceCode(),
                                            period.text(),
                                            owed.deadline(),
                                            owed.item().titleZh(),
                                            owed.item().titleEn()),
                                    ReportEvents.scope(owed.provinceCode())));
                }
            }
            byItem.forEach(outbox::writeInCommitOrder);
            return byItem.values().stream().mapToInt(List::size).sum();
        });
    }

    /** The reminders of this kind and period sent before, as "province|item". */
    @SuppressWarnings("unchecked")
    private Set<String> sent(Kind kind, Period period) {
        return new HashSet<>(((List<Object[]>) entityManager
                        .createNativeQuery(
                                "SELECT province_code, item_code FROM reminder_sent WHERE kind = ?1 AND period = ?2")
                        .setParameter(1, kind.name())
                        .setParameter(2, period.text())
                        .getResultList())
                .stream().map(row -> row[0] + "|" + row[1]).toList());
    }

    /** Records the reminder; false when another instance sent it in the meantime. */
    private boolean claim(Kind kind, Obligations.Obligation owed) {
        return entityManager
                        .createNativeQuery("""
                INSERT INTO reminder_sent (kind, province_code, item_code, period, sent_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT DO NOTHING""")
                        .setParameter(1, kind.name())
                        .setParameter(2, owed.provinceCode())
                        .setParameter(3, owed.item().code())
                        .setParameter(4, owed.period().text())
                        .setParameter(5, PlanCalendar.now(clock))
                        .executeUpdate()
                == 1;
    }
}
