package org.prioritytracker.task.priority;

import java.time.OffsetDateTime;
import java.util.List;

/** The {@code data} of the events task-service publishes about priorities (see docs/events.md). */
public final class PriorityEvents {

    public static final String CREATED = "tracker.priority.created";
    public static final String UPDATED = "tracker.priority.updated";
    public static final String ARCHIVED = "tracker.priority.archived";

    private PriorityEvents() {}

    /** The priority after the change: which fields an edit changed, and why it was archived. */
    public record PriorityChanged(
            String priorityCode,
            int planYear,
            int position,
            String titleZh,
            String titleEn,
            List<String> changed,
            String reason,
            String actor,
            long version,
            OffsetDateTime archivedAt) {

        static PriorityChanged of(Priority priority, List<String> changed, String reason, String actor) {
            return new PriorityChanged(
                    priority.code,
                    priority.planYear,
                    priority.position,
                    priority.titleZh,
                    priority.titleEn,
                    changed,
                    reason,
                    actor,
                    priority.version,
                    priority.archivedAt);
        }
    }
}
