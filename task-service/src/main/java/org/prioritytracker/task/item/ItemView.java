package org.prioritytracker.task.item;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Item", description = "A sub-item: the tracked work inside a priority")
public record ItemView(
        @Schema(examples = "P3.2") String code,
        @Schema(examples = "P3") String priorityCode,

        @Schema(
                description = "The plan (work conference year) that holds it; reports are for periods of this year",
                examples = "2025")
        int planYear,

        @Schema(examples = "持续深入推进碧水保卫战") String titleZh,

        @Schema(examples = "Keep pressing on with the battle for clear waters")
        String titleEn,

        @Schema(
                description = "The phrase of the conference text the item comes from, as written",
                examples = "持续深入推进蓝天、碧水、净土保卫战")
        String sourceText,

        @Schema(nullable = true, examples = "重点流域水生态环境保护") String description,
        @Schema(nullable = true, examples = "水生态环境司") String leadDepartment,
        @Schema(examples = "2025-12-31") LocalDate dueDate,
        ItemStatus status,

        @Schema(description = "The due date has passed (Asia/Shanghai calendar) and the item is not completed")
        boolean overdue,

        @Schema(description = "The states the workflow allows next")
        Set<ItemStatus> nextStates,

        @Schema(description = "Increases with every change; the ETag is this number in quotes", examples = "4")
        long version,

        @Schema(examples = "2026-03-01T08:30:00Z") OffsetDateTime updatedAt,

        @Schema(
                nullable = true,
                description = "When the ministry added it; null for an item there from its plan's start")
        OffsetDateTime createdAt,

        @Schema(
                nullable = true,
                description = "When the ministry archived it: it expects no reports and takes no changes")
        OffsetDateTime archivedAt) {

    public static ItemView of(SubItem item) {
        return new ItemView(
                item.code,
                item.priority.code,
                item.priority.planYear,
                item.titleZh,
                item.titleEn,
                item.sourceText,
                item.description,
                item.leadDepartment,
                item.dueDate,
                item.status,
                item.overdue,
                item.isArchived() ? Set.of() : ItemWorkflow.nextStates(item.status, item.suspendedFrom),
                item.version,
                item.updatedAt,
                item.createdAt,
                item.archivedAt);
    }
}
