package org.prioritytracker.progress.draft;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.progress.report.Metric;
import org.prioritytracker.progress.report.ReportStatus;

/**
 * What an officer has entered so far. Every field may be missing (a draft may be incomplete), but what
 * is given obeys the rules of a report. Item, period and province are not fields: the path and the
 * token say them (an unknown field, a provinceCode included, is a 400).
 */
@Schema(name = "DraftRequest")
public record DraftRequest(
        @DecimalMin(value = "0", message = "must be from 0 to 100")
        @DecimalMax(value = "100", message = "must be from 0 to 100")
        @Schema(nullable = true, examples = "45.5")
        Double percentComplete,

        @Schema(nullable = true, examples = "ON_TRACK") ReportStatus status,

        @Size(max = 5000, message = "must be at most 5000 characters")
        @Schema(nullable = true, examples = "全省地表水国控断面优良比例同比提升2.1个百分点。")
        String narrative,

        @Size(max = 50, message = "must hold at most 50 metrics") @Schema(nullable = true)
        List<@Valid @NotNull(message = "must be a metric object") Metric> metrics,

        @Schema(
                nullable = true,
                description = "The report this draft amends: one of your province's, for the same item and "
                        + "period; absent for a new report")
        UUID reportId) {

    public List<Metric> metricsOrEmpty() {
        return metrics == null ? List.of() : metrics;
    }
}
