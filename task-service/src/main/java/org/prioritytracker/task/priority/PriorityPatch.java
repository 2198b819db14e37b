package org.prioritytracker.task.priority;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A JSON merge patch of a priority's titles: an absent title stays; titles cannot be cleared. */
@Schema(name = "PriorityPatch", description = "The titles to change; absent ones stay as they are")
public record PriorityPatch(
        @Pattern(regexp = PriorityPatch.NOT_BLANK, message = "must not be blank")
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(examples = "深入打好污染防治攻坚战") String titleZh,
        @Pattern(regexp = PriorityPatch.NOT_BLANK, message = "must not be blank")
        @Size(max = 500, message = "must be at most 500 characters")
        @Schema(examples = "Fight the critical battle against pollution in depth") String titleEn) {

    /**
     * At least one character that is not white space. The OpenAPI document carries this pattern and
     * clients check it with ECMAScript regexes, which have no inline flags: {@code [\s\S]} where Java
     * alone would take {@code (?s).}. (Java's {@code \s} is ASCII white space, ECMAScript's Unicode, as
     * for the {@code \S} that SmallRye writes for {@code @NotBlank}.)
     */
    static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

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
