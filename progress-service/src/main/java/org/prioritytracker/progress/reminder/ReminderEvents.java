package org.prioritytracker.progress.reminder;

import java.time.LocalDate;

/** The {@code data} of the reminders progress-service publishes (see docs/events.md). */
public final class ReminderEvents {

    public static final String DUE = "tracker.report.due";
    public static final String LATE = "tracker.report.late";

    private ReminderEvents() {}

    /** A bureau owes a report: due by the deadline ({@code tracker.report.due}) or past it ({@code tracker.report.late}). */
    public record Reminder(
            String itemCode,
            String priorityCode,
            int planYear,
            String provinceCode,
            String period,
            LocalDate deadline,
            String titleZh,
            String titleEn) {}
}
