package org.prioritytracker.task.item;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(
        name = "NewItem",
        description = "A sub-item to add to a priority; its code follows from its place (see docs/seeds.md)")
public record NewItemRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "推进重点流域水生态保护修复")
        String titleZh,

        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(required = true, examples = "Restore the water ecology of key river basins")
        String titleEn,

        @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(
                description =
                        "The phrase of the plan's text the item comes from, as written; the Chinese title if absent")
        String sourceText,

        @Size(max = 5000, message = "must be at most 5000 characters")
        String description,

        @Size(max = 200, message = "must be at most 200 characters") @Schema(examples = "水生态环境司")
        String leadDepartment,

        @NotNull(message = "is required") @Schema(required = true, examples = "2026-12-31")
        LocalDate dueDate) {

    String sourceTextOrTitle() {
        return sourceText == null || sourceText.isBlank() ? titleZh.strip() : sourceText.strip();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
