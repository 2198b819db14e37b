package org.prioritytracker.progress.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.NonBlankText;

/**
 * A report as a provincial bureau submits it (POST) or amends it (PUT). The province comes from the
 * token; a body that names another one is refused.
 */
@Schema(name = "ReportRequest")
public record ReportRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = NonBlankText.PATTERN, message = NonBlankText.MESSAGE)
        @Schema(required = true, examples = "P3.2")
        String itemCode,

        @Schema(description = "Optional; must be the token's province when given", examples = "130000")
        String provinceCode,

        @NotNull(message = "is required: 2025-Q1..2025-Q4 or 2025-01..2025-12")
        @Pattern(regexp = NonBlankText.PATTERN, message = "is required: 2025-Q1..2025-Q4 or 2025-01..2025-12")
        @Schema(required = true, examples = "2025-Q2")
        String period,

        @NotNull(message = "is required: 0 to 100")
        @DecimalMin(value = "0", message = "must be from 0 to 100")
        @DecimalMax(value = "100", message = "must be from 0 to 100")
        @Schema(required = true, examples = "45.5")
        Double percentComplete,

        @NotNull(message = "is required: ON_TRACK, AT_RISK, BLOCKED or COMPLETED")
        @Schema(required = true, examples = "ON_TRACK")
        ReportStatus status,

        @Size(max = 5000, message = "must be at most 5000 characters") @Schema(examples = "全省地表水国控断面优良比例同比提升2.1个百分点。")
        String narrative,

        @Size(max = 50, message = "must hold at most 50 metrics")
        List<@Valid @NotNull(message = "must be a metric object") Metric> metrics) {

    public List<Metric> metricsOrEmpty() {
        return metrics == null ? List.of() : metrics;
    }
}
