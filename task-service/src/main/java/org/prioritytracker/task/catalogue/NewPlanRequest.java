package org.prioritytracker.task.catalogue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(name = "NewPlan", description = "A work conference's year to start a plan for; its priorities are added after")
public record NewPlanRequest(
        @NotNull(message = "is required")
        @Min(value = 2000, message = "must lie between 2000 and 2100")
        @Max(value = 2100, message = "must lie between 2000 and 2100")
        @Schema(required = true, examples = "2026")
        Integer year,

        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "2026年生态环境保护重点任务")
        String titleZh,

        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "2026 key tasks of ecological and environmental protection")
        String titleEn) {}
