package org.prioritytracker.progress.report;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(name = "Metric", description = "A measured indicator, for example PM2.5 concentration")
public record Metric(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 100, message = "must be at most 100 characters")
        @Schema(examples = "PM2.5年均浓度")
        String name,

        @NotNull(message = "is required: a finite number") @Schema(examples = "31.5")
        Double value,

        @Size(max = 32, message = "must be at most 32 characters") @Schema(examples = "µg/m³")
        String unit) {}
