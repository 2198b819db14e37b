package org.prioritytracker.task.priority;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.plan.Plan;
import org.prioritytracker.task.security.Roles;

@Path("/api/priorities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Priorities", description = "The key tasks of the current plan: the eight of the 2025 work conference")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER, Roles.VIEWER, Roles.SERVICE})
public class PriorityResource {

    private final ResponseCache cache;

    public PriorityResource(ResponseCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "The current plan's priorities in order, each with its sub-items", description = """
            The current plan is the newest (GET /api/plans); GET /api/plans/{year}/priorities gives any plan's.
            Carries an ETag: send it back in If-None-Match and an unchanged list is a 304 without a body.""")
    @APIResponse(responseCode = "200", description = "The priorities", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("priorities", () -> Plan.current()
                .map(plan -> Priority.listWithItems(plan.year).stream().map(PriorityView::of).toList())
                .orElse(List.of()))
                .toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One priority with its sub-items")
    @APIResponse(responseCode = "200", description = "The priority", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No priority has this code")
    public Response get(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("priority " + code, () -> Priority.findWithItems(code).map(PriorityView::of)
                .orElseThrow(() -> ProblemException.notFound("No priority has the code '" + code + "'.")))
                .toResponse(ifNoneMatch);
    }
}
