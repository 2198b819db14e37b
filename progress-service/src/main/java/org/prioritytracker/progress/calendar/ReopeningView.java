package org.prioritytracker.progress.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Reopening", description = "A locked period the ministry reopened for one bureau")
public record ReopeningView(
        @Schema(examples = "130000") String provinceCode,
        @Schema(examples = "2025-Q1") String period,
        LocalDate openUntil,
        String reopenedBy,
        OffsetDateTime reopenedAt) {

    static ReopeningView of(PeriodReopening reopening) {
        return new ReopeningView(
                reopening.provinceCode,
                reopening.period,
                reopening.openUntil,
                reopening.reopenedBy,
                reopening.reopenedAt);
    }
}
