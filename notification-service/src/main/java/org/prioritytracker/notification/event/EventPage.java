package org.prioritytracker.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventPage", description = "Stored events after a cursor, oldest first")
public record EventPage(
        @Schema(description = "Structured CloudEvents (JSON), each with the extension 'position'")
        List<JsonNode> events,

        @Schema(
                description = "Pass as 'after' to read on; equals the request's cursor when nothing new was found",
                examples = "1042")
        String next) {}
