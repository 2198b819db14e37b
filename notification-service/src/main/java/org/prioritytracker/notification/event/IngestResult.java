package org.prioritytracker.notification.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IngestResult", description = "How many events of the request were new and how many were already stored")
public record IngestResult(@Schema(examples = "3") int stored, @Schema(examples = "0") int duplicates) {
}
