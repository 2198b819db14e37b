package org.prioritytracker.task.item;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "HistoryEntry",
        description = "One change of an item: what kind, from and to which status, why, who and when (UTC)")
public record HistoryView(
        HistoryKind kind,

        @Schema(nullable = true, description = "The status before the change; null for a creation")
        ItemStatus from,

        @Schema(description = "The status after the change") ItemStatus to,

        @Schema(nullable = true, examples = "汛期水质波动，部分断面不达标")
        String reason,

        @Schema(description = "For an edit, the fields it changed; empty otherwise", examples = "[\"dueDate\"]")
        List<String> fields,

        @Schema(description = "Who made the change (the signed-in name)", examples = "admin")
        String actor,

        @Schema(description = "The item's version after the change", examples = "5")
        long version,

        @Schema(examples = "2026-03-01T08:30:00Z") OffsetDateTime changedAt) {

    public static HistoryView of(ItemHistory entry) {
        List<String> fields = entry.fields == null ? List.of() : Arrays.asList(entry.fields.split(","));
        return new HistoryView(
                entry.kind,
                entry.fromStatus,
                entry.toStatus,
                entry.reason,
                fields,
                entry.actor,
                entry.version,
                entry.changedAt);
    }
}
