package org.prioritytracker.task.plan;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.task.priority.PriorityView;
import org.prioritytracker.task.security.Roles;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plans", description = "Each work conference's year and the priorities it set")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER, Roles.VIEWER, Roles.SERVICE})
public class PlanResource {

    private final ResponseCache cache;

    public PlanResource(ResponseCache cache) {
        this.cache = cache;
    }

    @GET
    @Operation(summary = "Every plan, newest first; the newest is the current one")
    @APIResponse(responseCode = "200", description = "The plans", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlanView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("plans", () -> {
            List<Plan> plans = Plan.listNewestFirst();
            int current = plans.isEmpty() ? 0 : plans.get(0).year;
            return plans.stream().map(plan -> PlanView.of(plan, current)).toList();
        }).toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{year}/priorities")
    @Operation(summary = "One plan's priorities in order, each with its sub-items")
    @APIResponse(responseCode = "200", description = "The plan's priorities", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "The year is not a year")
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public Response priorities(
            @Parameter(description = "The plan's year", schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
            @PathParam("year") String year,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int planYear = parseYear(year);
        return cache.get("plan " + planYear + " priorities", () -> {
            if (Plan.findById(planYear) == null) {
                throw ProblemException.notFound("No plan has the year " + planYear + ".");
            }
            return Priority.listWithItems(planYear).stream().map(PriorityView::of).toList();
        }).toResponse(ifNoneMatch);
    }

    /** Four digits, as the plans' years are written; anything else is a 400 naming the field. */
    static int parseYear(String year) {
        if (year == null || !year.matches("[0-9]{4}")) {
            throw ProblemException.badRequest("year", "must be a year of four digits, such as 2025");
        }
        return Integer.parseInt(year);
    }
}
