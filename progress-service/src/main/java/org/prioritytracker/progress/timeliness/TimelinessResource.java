package org.prioritytracker.progress.timeliness;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.progress.calendar.PlanYears;
import org.prioritytracker.responsecache.ResponseCache;

@Path("/api/rollups/timeliness")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rollups")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER
})
public class TimelinessResource {

    private final TimelinessService timeliness;
    private final ResponseCache cache;
    private final Caller caller;

    public TimelinessResource(TimelinessService timeliness, ResponseCache cache, Caller caller) {
        this.timeliness = timeliness;
        this.cache = cache;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "getTimelinessRollup",
            summary = "Completeness and timeliness of a plan's reports, per bureau, per priority and nationally",
            description = """
                    Expected reports are the 32 bureaus x the plan's sub-items x the periods: the one asked for, or \
                    every period whose deadline has passed (GET /api/calendars/{year} gives the deadlines). A reporter \
                    sees the national and priority figures and its own bureau's.""")
    @APIResponse(
            responseCode = "200",
            description = "The rates",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Timeliness.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(
            responseCode = "400",
            description = "plan is missing or no year, or period is not one of the plan's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    @APIResponse(responseCode = "503", description = "task-service cannot be reached and the plan is not cached")
    public Response timeliness(
            @Parameter(
                            description = "The plan's year",
                            required = true,
                            schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @QueryParam("plan")
                    String plan,
            @Parameter(description = "One period of the plan; every due period when absent", example = "2025-Q2")
                    @QueryParam("period")
                    String period,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int planYear = PlanYears.parse("plan", plan);
        String onePeriod = period == null || period.isBlank() ? null : period.strip();
        String province = caller.confinedProvince();
        return cache.get(
                        "timeliness " + planYear + " " + onePeriod + " " + province,
                        () -> timeliness.timeliness(planYear, onePeriod, province))
                .toResponse(ifNoneMatch);
    }
}
