package org.prioritytracker.task.catalogue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PlanImport", description = "The plan an import created and what it holds")
public record ImportResult(
        PlanView plan,
        @Schema(examples = "8") int priorities,
        @Schema(examples = "31") int items) {}
