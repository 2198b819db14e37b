package org.prioritytracker.task.priority;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(
        name = "NewPriority",
        description = "A priority to add to a plan; its code follows from its place (see docs/seeds.md)")
public record NewPriorityRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "持续深入打好污染防治攻坚战")
        String titleZh,

        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "Keep fighting the battle against pollution in depth")
        String titleEn) {}
