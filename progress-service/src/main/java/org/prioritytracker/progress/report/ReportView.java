package org.prioritytracker.progress.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Report", description = "A province's progress report on a sub-item for one period")
public record ReportView(
        UUID id,
        @Schema(examples = "P3.2") String itemCode,
        @Schema(examples = "130000") String provinceCode,
        @Schema(examples = "2025-Q2") String period,
        @Schema(examples = "45.5") BigDecimal percentComplete,
        ReportStatus status,
        @Schema(nullable = true) String narrative,
        List<Metric> metrics,
        @Schema(examples = "reporter-130000") String submittedBy,
        OffsetDateTime submittedAt,

        @Schema(description = "1 for the first submission, +1 per amendment; the ETag is this number in quotes")
        int version,

        ReviewState reviewState,
        @Schema(nullable = true) String reviewedBy,
        @Schema(nullable = true) OffsetDateTime reviewedAt,
        @Schema(nullable = true) String reviewComment,

        @Schema(nullable = true, description = "The bureau approver's decision on this version; null until one is made")
        BureauApprovalRecord bureauApproval) {

    public static ReportView of(Report report) {
        return new ReportView(
                report.id,
                report.itemCode,
                report.provinceCode,
                report.period,
                report.percentComplete,
                report.status,
                report.narrative,
                report.metrics,
                report.submittedBy,
                report.submittedAt,
                report.version,
                report.reviewState,
                report.reviewedBy,
                report.reviewedAt,
                report.reviewComment,
                report.bureauApproval);
    }
}
