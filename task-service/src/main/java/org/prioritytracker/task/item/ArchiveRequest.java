package org.prioritytracker.task.item;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(name = "ArchiveRequest", description = "Why the ministry archives a sub-item or a priority")
public record ArchiveRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(required = true, examples = "并入P3.2统一调度")
        String reason) {

    public String trimmedReason() {
        return reason.strip();
    }
}
