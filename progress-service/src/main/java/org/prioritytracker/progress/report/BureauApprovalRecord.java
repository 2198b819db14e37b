package org.prioritytracker.progress.report;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bureau approver's decision on one version of a report: what, who, when and why. Immutable, so shared. */
@Embeddable
@Schema(name = "BureauApproval", description = "The bureau approver's decision on a version of a report")
public record BureauApprovalRecord(
        @Enumerated(EnumType.STRING) @Column(name = "bureau_decision")
        BureauDecision decision,

        @Schema(examples = "approver-130000") @Column(name = "bureau_decided_by")
        String decidedBy,

        @Column(name = "bureau_decided_at") OffsetDateTime decidedAt,

        @Schema(nullable = true, description = "Required with RETURNED: what the officer should fix")
        @Column(name = "bureau_comment")
        String comment) {}
