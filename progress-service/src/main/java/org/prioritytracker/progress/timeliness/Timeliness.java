package org.prioritytracker.progress.timeliness;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.progress.calendar.Cadence;

/** The completeness and timeliness report of a plan, as {@code GET /api/rollups/timeliness} answers it. */
@Schema(name = "Timeliness", description = """
        Expected reports (bureaus x the plan's sub-items x periods), how many came, how many by the deadline, \
        per bureau (laggards first), per priority and nationally""")
public record Timeliness(
        @Schema(examples = "2025") int planYear,
        Cadence cadence,

        @Schema(description = "The periods counted: the one asked for, or every period whose deadline has passed")
        List<PeriodDue> periods,

        Rates national,
        List<PriorityRates> priorities,

        @Schema(description = "Lowest timeliness first, then lowest completeness; a reporter sees its own bureau only")
        List<BureauRates> bureaus) {

    @Schema(name = "PeriodDue", description = "A counted period, its deadline, and whether that has passed")
    public record PeriodDue(@Schema(examples = "2025-Q2") String period, LocalDate deadline, boolean due) {}

    /**
     * @param late    reported after the deadline
     * @param missing not reported (yet, for a period not due)
     */
    @Schema(
            name = "Rates",
            description = "Counts of expected reports and the rates they give (null when nothing is expected)")
    public record Rates(
            int expected,
            int reported,
            int onTime,
            int late,
            int missing,

            @Schema(nullable = true, description = "reported / expected, in percent", examples = "87.5")
            Double completenessPercent,

            @Schema(nullable = true, description = "reported on time / expected, in percent", examples = "75.0")
            Double timelinessPercent) {}

    @Schema(name = "PriorityRates")
    public record PriorityRates(@Schema(examples = "P3") String code, String titleZh, String titleEn, Rates rates) {}

    @Schema(name = "BureauRates")
    public record BureauRates(
            @Schema(examples = "130000") String provinceCode,
            String nameZh,
            String nameEn,

            @Schema(
                    description =
                            "False once the ministry has deactivated the bureau: it owes only periods due before that")
            boolean active,

            Rates rates) {}
}
