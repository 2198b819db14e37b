package org.prioritytracker.task.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.task.plan.Plan;

@Schema(name = "Plan", description = "A work conference's year, holding the priorities it set")
public record PlanView(
        @Schema(examples = "2025") int year,
        @Schema(examples = "2025年生态环境保护重点任务") String titleZh,

        @Schema(examples = "2025 key tasks of ecological and environmental protection")
        String titleEn,

        @Schema(description = """
                The plan the unqualified reads such as GET /api/priorities mean: this year's (Beijing calendar), \
                or else the newest that has begun""") boolean current) {

    static PlanView of(Plan plan, int currentYear) {
        return new PlanView(plan.year, plan.titleZh, plan.titleEn, plan.year == currentYear);
    }
}
