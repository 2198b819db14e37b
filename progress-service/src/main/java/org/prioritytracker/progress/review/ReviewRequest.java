package org.prioritytracker.progress.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "ReviewRequest",
        description = "The ministry's decision on a submitted report; a comment is required to return it")
public record ReviewRequest(
        @NotNull(message = "is required: ACCEPTED or RETURNED") @Schema(required = true, examples = "RETURNED")
        Decision decision,

        @Size(max = 2000, message = "must be at most 2000 characters") @Schema(examples = "请补充断面监测数据。")
        String comment) {

    /** What a reviewer may decide. */
    public enum Decision {
        ACCEPTED,
        RETURNED
    }
}
