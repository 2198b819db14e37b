package org.prioritytracker.progress.calendar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CalendarRequest", description = "A plan's reporting calendar, whole")
public record CalendarRequest(
        @NotNull(message = "is required") @Schema(required = true)
        Cadence cadence,

        @NotNull(message = "is required")
        @Min(value = 0, message = "must lie between 0 and 90")
        @Max(value = 90, message = "must lie between 0 and 90")
        @Schema(
                required = true,
                description = "Reports are due this many days after their period ends",
                examples = "10")
        Integer deadlineDays,

        @NotNull(message = "is required")
        @Min(value = 0, message = "must lie between 0 and 90")
        @Max(value = 90, message = "must lie between 0 and 90")
        @Schema(
                required = true,
                description = "The reminder goes out this many days before the deadline",
                examples = "5")
        Integer reminderDays,

        @Min(value = 0, message = "must lie between 0 and 366")
        @Max(value = 366, message = "must lie between 0 and 366")
        @Schema(nullable = true, description = """
                A period takes no new report or amendment once it ended this many days ago, unless the ministry \
                reopens it for a bureau; null: never locked. At least deadlineDays.""", examples = "30")
        Integer lockDays,

        @Schema(nullable = true, description = """
                Whether the plan's reports need the bureau's approval (provincial-approver) before the ministry \
                reviews them; omitted: unchanged.""", examples = "REQUIRED")
        BureauApproval bureauApproval) {}
