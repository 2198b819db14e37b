package org.prioritytracker.task.item;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code data} of the events task-service publishes about sub-items (see docs/events.md). */
public final class ItemEvents {

    public static final String STATUS_CHANGED = "tracker.item.status-changed";
    public static final String OVERDUE = "tracker.item.overdue";
    public static final String UPDATED = "tracker.item.updated";
    public static final String CREATED = "tracker.item.created";
    public static final String ARCHIVED = "tracker.item.archived";

    private ItemEvents() {}

    public record StatusChanged(
            String itemCode,
            String priorityCode,
            ItemStatus from,
            ItemStatus to,
            String reason,
            String actor,
            long version,
            String titleZh,
            String titleEn,
            boolean overdue) {

        public static StatusChanged of(SubItem item, ItemStatus from, String reason, String actor) {
            return new StatusChanged(
                    item.code,
                    item.priority.code,
                    from,
                    item.status,
                    reason,
                    actor,
                    item.version,
                    item.titleZh,
                    item.titleEn,
                    item.overdue);
        }
    }

    public record Overdue(
            String itemCode,
            String priorityCode,
            ItemStatus status,
            LocalDate dueDate,
            OffsetDateTime overdueSince,
            String actor,
            long version,
            String titleZh,
            String titleEn) {

        public static Overdue of(SubItem item, String actor) {
            return new Overdue(
                    item.code,
                    item.priority.code,
                    item.status,
                    item.dueDate,
                    item.overdueSince,
                    actor,
                    item.version,
                    item.titleZh,
                    item.titleEn);
        }
    }

    /** The ministry edited an item's descriptive fields; caches of the catalogue drop their copy. */
    public record Updated(
            String itemCode,
            String priorityCode,
            List<String> changed,
            String actor,
            long version,
            String titleZh,
            String titleEn,
            LocalDate dueDate,
            String leadDepartment,
            boolean overdue) {

        public static Updated of(SubItem item, List<String> changed, String actor) {
            return new Updated(
                    item.code,
                    item.priority.code,
                    changed,
                    actor,
                    item.version,
                    item.titleZh,
                    item.titleEn,
                    item.dueDate,
                    item.leadDepartment,
                    item.overdue);
        }
    }

    /** The ministry added an item to a plan: from now on the bureaus report on it. */
    public record Created(
            String itemCode,
            String priorityCode,
            int planYear,
            int position,
            String titleZh,
            String titleEn,
            String sourceText,
            String description,
            String leadDepartment,
            LocalDate dueDate,
            ItemStatus status,
            String actor,
            long version) {

        public static Created of(SubItem item, String actor) {
            return new Created(
                    item.code,
                    item.priority.code,
                    item.priority.planYear,
                    item.position,
                    item.titleZh,
                    item.titleEn,
                    item.sourceText,
                    item.description,
                    item.leadDepartment,
                    item.dueDate,
                    item.status,
                    actor,
                    item.version);
        }
    }

    /** The ministry archived an item: it expects no more reports; its history and reports stay. */
    public record Archived(
            String itemCode,
            String priorityCode,
            int planYear,
            ItemStatus status,
            String reason,
            String actor,
            long version,
            String titleZh,
            String titleEn,
            OffsetDateTime archivedAt) {

        public static Archived of(SubItem item, String reason, String actor) {
            return new Archived(
                    item.code,
                    item.priority.code,
                    item.priority.planYear,
                    item.status,
                    reason,
                    actor,
                    item.version,
                    item.titleZh,
                    item.titleEn,
                    item.archivedAt);
        }
    }
}
