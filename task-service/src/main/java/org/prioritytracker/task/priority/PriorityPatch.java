package org.prioritytracker.task.priority;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

/** A JSON merge patch of a priority's titles: an absent title stays; titles cannot be cleared. */
@Schema(name = "PriorityPatch", description = "The titles to change; absent ones stay as they are")
public record PriorityPatch(
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(examples = "深入打好污染防治攻坚战")
        String titleZh,

        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(examples = "Fight the critical battle against pollution in depth")
        String titleEn) {

    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        if (titleZh != null) {
            names.add("titleZh");
        }
        if (titleEn != null) {
            names.add("titleEn");
        }
        return names;
    }

    void applyTo(Priority priority) {
        if (titleZh != null) {
            priority.titleZh = titleZh.strip();
        }
        if (titleEn != null) {
            priority.titleEn = titleEn.strip();
        }
    }
}
