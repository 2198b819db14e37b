package org.prioritytracker.progress.approval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.progress.report.BureauDecision;

@Schema(
        name = "ApprovalRequest",
        description =
                "The bureau approver's decision on a submitted report; a comment is required to return it to the officer")
public record ApprovalRequest(
        @NotNull(message = "is required: APPROVED or RETURNED") @Schema(required = true, examples = "APPROVED")
        BureauDecision decision,

        @Size(max = 2000, message = "must be at most 2000 characters") @Schema(examples = "请核实第二季度的监测数据。")
        String comment) {}
