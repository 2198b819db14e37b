package org.prioritytracker.progress.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A plan's reporting calendar and the dates it gives each period, all Beijing calendar days: the
 * deadline is the period's last day plus {@code deadlineDays}, the reminder day {@code reminderDays}
 * before it, and the period locks after its last day plus {@code lockDays} (never when null).
 */
public record CalendarTerms(int planYear, Cadence cadence, int deadlineDays, int reminderDays, Integer lockDays) {

    /** What a period of this plan must be, as a field error says it. */
    public String periodRule() {
        return "must be " + cadence.example(planYear) + ": the " + planYear + " plan reports "
                + cadence.name().toLowerCase(Locale.ROOT);
    }

    /** A period this plan reports: of its year and its cadence. */
    public boolean reports(Period period) {
        return period.year() == planYear && cadence.accepts(period);
    }

    public List<Period> periods() {
        return cadence.periods(planYear);
    }

    /** The last day a report for the period is on time. */
    public LocalDate deadline(Period period) {
        return period.end().plusDays(deadlineDays);
    }

    public LocalDate reminderDay(Period period) {
        return deadline(period).minusDays(reminderDays);
    }

    /** The last day the period takes entries without a reopening, or null when it never locks. */
    public LocalDate lastEntryDay(Period period) {
        return lockDays == null ? null : period.end().plusDays(lockDays);
    }

    public boolean lockedOn(Period period, LocalDate day) {
        LocalDate lastEntryDay = lastEntryDay(period);
        return lastEntryDay != null && day.isAfter(lastEntryDay);
    }

    /** The periods whose deadline has passed by {@code today}: the ones reports are expected for. */
    public List<Period> duePeriods(LocalDate today) {
        return periods().stream()
                .filter(period -> deadline(period).isBefore(today))
                .toList();
    }
}
