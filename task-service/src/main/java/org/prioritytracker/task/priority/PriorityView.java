package org.prioritytracker.task.priority;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.task.item.ItemStatus;
import org.prioritytracker.task.item.SubItem;

@Schema(name = "Priority", description = "One of a plan's key tasks, with its sub-items in order")
public record PriorityView(
        @Schema(examples = "P3") String code,
        @Schema(description = "The plan (work conference year) that holds it", examples = "2025") int planYear,
        @Schema(description = "Its place within its plan", examples = "3") int position,
        @Schema(examples = "深入打好污染防治攻坚战") String titleZh,
        @Schema(examples = "Fight the critical battle against pollution in depth") String titleEn,
        List<ItemSummary> items) {

    @Schema(name = "ItemSummary", description = "A sub-item as listed under its priority")
    public record ItemSummary(
            @Schema(examples = "P3.2") String code,
            @Schema(examples = "持续深入推进碧水保卫战") String titleZh,
            @Schema(examples = "Keep pressing on with the battle for clear waters") String titleEn,
            ItemStatus status,
            boolean overdue,
            @Schema(examples = "2025-12-31") LocalDate dueDate) {

        static ItemSummary of(SubItem item) {
            return new ItemSummary(item.code, item.titleZh, item.titleEn, item.status, item.overdue, item.dueDate);
        }
    }

    public static PriorityView of(Priority priority) {
        return new PriorityView(priority.code, priority.planYear, priority.position, priority.titleZh, priority.titleEn,
                priority.items.stream().map(ItemSummary::of).toList());
    }
}
