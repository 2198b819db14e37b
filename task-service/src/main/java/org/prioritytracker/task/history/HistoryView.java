package org.prioritytracker.task.history;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.task.item.ItemStatus;

@Schema(name = "HistoryEntry", description = "One status change: from, to, why, who and when (UTC)")
public record HistoryView(
        ItemStatus from,
        ItemStatus to,
        @Schema(nullable = true, examples = "汛期水质波动，部分断面不达标") String reason,
        @Schema(description = "The subject of the token that made the change", examples = "ministry-admin") String actor,
        @Schema(description = "The item's version after the change", examples = "5") long version,
        @Schema(examples = "2026-03-01T08:30:00Z") OffsetDateTime changedAt) {

    public static HistoryView of(ItemHistory entry) {
        return new HistoryView(entry.fromStatus, entry.toStatus, entry.reason, entry.actor, entry.version, entry.changedAt);
    }
}
