package org.prioritytracker.notification.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tells the dashboard page (served at /) the base URLs of task-service and progress-service. */
@Path("/dashboard/config.json")
@Tag(
        name = "Dashboard",
        description = "The dashboard page: its settings, sign-in and the event stream's session cookie")
public class DashboardConfigResource {

    /** The page's settings; nothing secret. */
    public record Settings(String taskServiceUrl, String progressServiceUrl) {}

    private final DashboardConfig config;

    public DashboardConfigResource(DashboardConfig config) {
        this.config = config;
    }

    @GET
    @PermitAll
    // Public: "security: []" in the document, so that linters and generated clients send no token.
    @SecurityRequirements
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getDashboardConfig",
            summary = "The dashboard page's settings: where the other services' APIs are")
    public Settings settings() {
        return new Settings(config.taskServiceUrl(), config.progressServiceUrl());
    }
}
