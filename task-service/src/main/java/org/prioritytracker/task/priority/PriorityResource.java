package org.prioritytracker.task.priority;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.task.security.Roles;

@Path("/api/priorities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Priorities", description = "The eight key tasks of the 2025 work conference")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER, Roles.VIEWER, Roles.SERVICE})
public class PriorityResource {

    @GET
    @Operation(summary = "The eight priorities in order, each with its sub-items")
    public List<PriorityView> list() {
        return Priority.listWithItems().stream().map(PriorityView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One priority with its sub-items")
    @APIResponse(responseCode = "200", description = "The priority")
    @APIResponse(responseCode = "404", description = "No priority has this code")
    public PriorityView get(@PathParam("code") String code) {
        return Priority.findWithItems(code).map(PriorityView::of)
                .orElseThrow(() -> ProblemException.notFound("No priority has the code '" + code + "'."));
    }
}
