package org.prioritytracker.task.province;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BureauStatusRequest", description = "Why the ministry deactivates or reactivates a bureau")
public record BureauStatusRequest(
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
        @Schema(required = true, examples = "机构调整，暂停报送") String reason) {
}
