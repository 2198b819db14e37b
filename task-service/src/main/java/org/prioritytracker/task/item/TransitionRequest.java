package org.prioritytracker.task.item;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "TransitionRequest",
        description = "A move of the item's status; a reason is required for AT_RISK, SUSPENDED and reopening")
public record TransitionRequest(
        @NotNull(message = "is required") @Schema(required = true, examples = "AT_RISK")
        ItemStatus to,

        @Size(max = 2000, message = "must be at most 2000 characters") @Schema(examples = "汛期水质波动，部分断面不达标")
        String reason) {

    /** The reason without surrounding blanks, or null when none was given. */
    public String trimmedReason() {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
