package org.prioritytracker.task.catalogue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.task.item.ItemStatus;
import org.prioritytracker.task.item.SubItem;
import org.prioritytracker.task.priority.Priority;

@Schema(name = "Priority", description = "One of a plan's key tasks, with its sub-items in order")
public record PriorityView(
        @Schema(examples = "P3") String code,

        @Schema(description = "The plan (work conference year) that holds it", examples = "2025")
        int planYear,

        @Schema(description = "Its place within its plan", examples = "3")
        int position,

        @Schema(examples = "深入打好污染防治攻坚战") String titleZh,

        @Schema(examples = "Fight the critical battle against pollution in depth")
        String titleEn,

        @Schema(
                description =
                        "Increases with every change; the If-Match value for PATCH and archive is this number in quotes",
                examples = "1")
        long version,

        @Schema(nullable = true, description = "When the ministry archived it, with its sub-items")
        OffsetDateTime archivedAt,

        @Schema(description = "Its sub-items in order, archived ones included (and marked)")
        List<ItemSummary> items) {

    @Schema(name = "ItemSummary", description = "A sub-item as listed under its priority")
    public record ItemSummary(
            @Schema(examples = "P3.2") String code,
            @Schema(examples = "持续深入推进碧水保卫战") String titleZh,

            @Schema(examples = "Keep pressing on with the battle for clear waters")
            String titleEn,

            ItemStatus status,
            boolean overdue,
            @Schema(examples = "2025-12-31") LocalDate dueDate,

            @Schema(description = "Archived: expects no reports")
            boolean archived,

            @Schema(
                    nullable = true,
                    description = "When the ministry added it; null for an item there from the plan's start")
            OffsetDateTime createdAt,

            @Schema(
                    nullable = true,
                    description = "When the ministry archived it: reports due after that are not expected")
            OffsetDateTime archivedAt) {

        static ItemSummary of(SubItem item) {
            return new ItemSummary(
                    item.code,
                    item.titleZh,
                    item.titleEn,
                    item.status,
                    item.overdue,
                    item.dueDate,
                    item.isArchived(),
                    item.createdAt,
                    item.archivedAt);
        }
    }

    /** The priority with its sub-items, read in one query. */
    public static PriorityView of(Priority priority) {
        return of(priority, SubItem.<SubItem>list("priority.code = ?1 order by position", priority.code));
    }

    /** A plan's priorities in order, each with its sub-items: two queries, whatever the number of priorities. */
    public static List<PriorityView> ofPlan(int planYear) {
        Map<String, List<SubItem>> items =
                SubItem.<SubItem>list("priority.planYear = ?1 order by position", planYear).stream()
                        .collect(Collectors.groupingBy(item -> item.priority.code));
        return Priority.<Priority>list("planYear = ?1 order by position", planYear).stream()
                .map(priority -> of(priority, items.getOrDefault(priority.code, List.of())))
                .toList();
    }

    private static PriorityView of(Priority priority, List<SubItem> items) {
        return new PriorityView(
                priority.code,
                priority.planYear,
                priority.position,
                priority.titleZh,
                priority.titleEn,
                priority.version,
                priority.archivedAt,
                items.stream().map(ItemSummary::of).toList());
    }
}
