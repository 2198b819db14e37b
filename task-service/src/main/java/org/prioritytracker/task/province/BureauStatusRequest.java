package org.prioritytracker.task.province;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

@Schema(name = "BureauStatusRequest", description = "Why the ministry deactivates or reactivates a bureau")
public record BureauStatusRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(required = true, examples = "机构调整，暂停报送")
        String reason) {}
