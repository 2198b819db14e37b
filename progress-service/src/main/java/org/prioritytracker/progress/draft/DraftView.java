package org.prioritytracker.progress.draft;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.progress.report.Metric;
import org.prioritytracker.progress.report.ReportStatus;

@Schema(name = "Draft", description = "An officer's unfinished report, visible to that officer alone")
public record DraftView(
        @Schema(examples = "P3.2") String itemCode,
        @Schema(examples = "2025-Q2") String period,
        @Schema(examples = "130000") String provinceCode,
        @Schema(nullable = true, examples = "45.5") BigDecimal percentComplete,
        @Schema(nullable = true) ReportStatus status,
        @Schema(nullable = true) String narrative,
        List<Metric> metrics,

        @Schema(nullable = true, description = "The report this draft amends; null for a new report")
        UUID reportId,

        @Schema(
                description = "Made when the draft is created and kept across saves: send it as the Idempotency-Key "
                        + "when submitting, so that a repeat stores one report")
        UUID idempotencyKey,

        @Schema(description = "1 when created, +1 per save; the ETag is this number in quotes")
        int version,

        OffsetDateTime updatedAt) {

    static DraftView of(ReportDraft draft) {
        return new DraftView(
                draft.itemCode,
                draft.period,
                draft.provinceCode,
                draft.percentComplete,
                draft.status,
                draft.narrative,
                draft.metrics == null ? List.of() : draft.metrics,
                draft.reportId,
                draft.idempotencyKey,
                draft.version,
                draft.updatedAt);
    }
}
