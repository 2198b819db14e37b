package org.prioritytracker.progress.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "Calendar",
        description = "A plan's reporting calendar and the dates it gives each period (Beijing calendar)")
public record CalendarView(
        @Schema(examples = "2025") int planYear,
        Cadence cadence,
        @Schema(examples = "10") int deadlineDays,
        @Schema(examples = "5") int reminderDays,
        @Schema(nullable = true, examples = "30") Integer lockDays,

        @Schema(description = "The ministry set it (true) or the configured defaults apply (false)")
        boolean configured,

        @Schema(
                description = "Increases with every change; the If-Match value for PUT is this number in quotes",
                examples = "0")
        long version,

        @Schema(nullable = true) String updatedBy,
        @Schema(nullable = true) OffsetDateTime updatedAt,

        @Schema(description = "REQUIRED: the ministry reviews only reports the bureau's approver APPROVED")
        BureauApproval bureauApproval,

        List<PeriodDates> periods) {

    @Schema(name = "PeriodDates", description = "One period of the plan year and its dates")
    public record PeriodDates(
            @Schema(examples = "2025-Q2") String period,
            LocalDate start,
            LocalDate end,

            @Schema(description = "The last day a report is on time")
            LocalDate deadline,

            @Schema(description = "The day tracker.report.due goes out")
            LocalDate reminderOn,

            @Schema(nullable = true, description = "The last day the period takes entries without a reopening")
            LocalDate lastEntryDay) {}

    static CalendarView of(CalendarTerms terms, ReportingCalendar row, BureauApproval bureauApproval) {
        List<PeriodDates> periods = terms.periods().stream()
                .map(period -> new PeriodDates(
                        period.text(),
                        period.start(),
                        period.end(),
                        terms.deadline(period),
                        terms.reminderDay(period),
                        terms.lastEntryDay(period)))
                .toList();
        boolean configured = row != null && row.version > 0;
        return new CalendarView(
                terms.planYear(),
                terms.cadence(),
                terms.deadlineDays(),
                terms.reminderDays(),
                terms.lockDays(),
                configured,
                configured ? row.version : 0,
                configured ? row.updatedBy : null,
                configured ? row.updatedAt : null,
                bureauApproval,
                periods);
    }
}
