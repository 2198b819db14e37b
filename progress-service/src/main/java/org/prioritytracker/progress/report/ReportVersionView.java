package org.prioritytracker.progress.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReportVersion", description = "One submitted version of a report")
public record ReportVersionView(
        int version,
        BigDecimal percentComplete,
        ReportStatus status,
        String narrative,
        List<Metric> metrics,
        String submittedBy,
        OffsetDateTime submittedAt,

        @Schema(nullable = true, description = "The bureau approver's decision on this version; null without one")
        BureauApprovalRecord bureauApproval) {

    static ReportVersionView of(ReportVersion version) {
        return new ReportVersionView(
                version.version,
                version.percentComplete,
                version.status,
                version.narrative,
                version.metrics,
                version.submittedBy,
                version.submittedAt,
                version.bureauApproval);
    }
}
