package org.prioritytracker.progress.rollup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The rollup representations. Percentages are means of the provinces' latest reported percent. */
public final class Rollups {

    private Rollups() {}

    @Schema(name = "Coverage", description = "How many of the expected reports exist for the latest period")
    public record Coverage(int reported, int expected, double ratio) {
        static Coverage of(int reported, int expected) {
            return new Coverage(reported, expected, expected == 0 ? 0 : round(reported / (double) expected));
        }
    }

    @Schema(name = "ProvinceStanding", description = "A province's latest report on an item")
    public record ProvinceStanding(
            String provinceCode,
            String nameZh,
            String nameEn,
            BigDecimal percentComplete,
            String status,
            String period,
            UUID reportId) {}

    @Schema(
            name = "BehindProvince",
            description = "A province below the national mean by more than the margin, or AT_RISK/BLOCKED")
    public record Behind(
            String provinceCode, String nameZh, BigDecimal percentComplete, String status, List<String> reasons) {}

    @Schema(name = "ItemRollup")
    public record ItemRollup(
            String itemCode,
            Double nationalMeanPercent,
            String latestPeriod,
            Coverage coverage,
            double behindMarginPoints,
            List<Behind> behind,
            List<ProvinceStanding> provinces) {}

    @Schema(name = "ItemSummary", description = "One item within a priority's rollup")
    public record ItemSummary(
            String itemCode,
            String titleZh,
            String titleEn,
            Double meanPercent,
            String latestPeriod,
            Coverage coverage,
            Map<String, Integer> statusCounts) {}

    @Schema(name = "PriorityRollup")
    public record PriorityRollup(
            String priorityCode,
            String titleZh,
            String titleEn,
            Double meanPercent,
            Map<String, Integer> statusCounts,
            Coverage coverage,
            List<ItemSummary> items) {}

    @Schema(name = "Overview", description = "All eight priorities")
    public record Overview(
            Double meanPercent,
            Map<String, Integer> statusCounts,
            Coverage coverage,
            List<PriorityRollup> priorities) {}

    @Schema(name = "ProvinceItem", description = "A province's latest report on one item")
    public record ProvinceItem(
            String itemCode,
            String titleZh,
            BigDecimal percentComplete,
            String status,
            String period,
            LocalDate periodEnd,
            UUID reportId) {}

    @Schema(name = "ProvinceRollup")
    public record ProvinceRollup(
            String provinceCode,
            String nameZh,
            String nameEn,
            Double meanPercent,
            Map<String, Integer> statusCounts,
            int reportedItems,
            int totalItems,
            List<ProvinceItem> items) {}

    @Schema(name = "HeatmapCell", description = "A province's latest report on an item")
    public record HeatmapCell(
            String itemCode,
            String provinceCode,
            BigDecimal percentComplete,
            String status,
            String period,
            UUID reportId) {}

    @Schema(name = "Heatmap", description = "Every province's latest report on every item: the dashboard's heatmap")
    public record Heatmap(List<HeatmapCell> cells) {}

    static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
