package org.prioritytracker.progress.reminder;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OpenObligation", description = "A report a bureau still owes, due soon or late")
public record OpenObligation(
        @Schema(examples = "130000") String provinceCode,
        @Schema(examples = "P3.2") String itemCode,
        String titleZh,
        String titleEn,
        @Schema(examples = "2025-Q2") String period,

        @Schema(description = "The last day the report is on time (Beijing calendar)")
        LocalDate deadline,

        @Schema(description = "The deadline has passed") boolean late) {}
