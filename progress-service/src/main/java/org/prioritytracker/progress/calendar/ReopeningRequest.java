package org.prioritytracker.progress.calendar;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(name = "ReopeningRequest", description = "Let one bureau enter reports for a locked period again, until a day")
public record ReopeningRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Schema(required = true, examples = "130000")
        String provinceCode,

        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Schema(required = true, examples = "2025-Q1")
        String period,

        @NotNull(message = "is required")
        @Schema(
                required = true,
                description = "The last day (Beijing calendar) it takes entries",
                examples = "2025-06-30")
        LocalDate openUntil) {}
