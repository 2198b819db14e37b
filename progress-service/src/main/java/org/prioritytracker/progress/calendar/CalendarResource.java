package org.prioritytracker.progress.calendar;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.ratelimit.RateLimited;

@Path("/api/calendars/{year}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendars", description = """
        Each plan's reporting calendar: its cadence (quarterly or monthly), the deadline after each period's end, the \
        reminder day, and the late-entry lock (a period that ended more than lockDays ago takes no new report or \
        amendment until the ministry reopens it for a bureau). Days are Beijing calendar days.""")
@SecurityRequirement(name = "jwt")
public class CalendarResource {

    private static final String YEAR_DOC = "The plan's year";

    private final CalendarService calendars;
    private final Caller caller;

    public CalendarResource(CalendarService calendars, Caller caller) {
        this.calendars = calendars;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER,
        Roles.VIEWER
    })
    @Operation(
            operationId = "getCalendar",
            summary = "The plan's reporting calendar, with each period's deadline, reminder day and last entry day")
    @APIResponse(
            responseCode = "200",
            description = "The calendar",
            content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The year is not a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public CalendarView get(
            @Parameter(description = YEAR_DOC, schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year) {
        return calendars.view(parseYear(year));
    }

    @RateLimited
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "replaceCalendar", summary = "Set the plan's reporting calendar")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "quarterly", value = """
            {"cadence": "QUARTERLY", "deadlineDays": 10, "reminderDays": 5, "lockDays": 30}""")))
    @APIResponse(
            responseCode = "200",
            description = "The calendar as set",
            content = @Content(schema = @Schema(implementation = CalendarView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    public CalendarView replace(
            @Parameter(description = YEAR_DOC, schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year,
            @Parameter(
                            description = "The calendar's version in quotes (\"0\" while the defaults apply)",
                            example = "\"0\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CalendarRequest request) {
        return calendars.replace(parseYear(year), request, ifMatch, caller.actor());
    }

    @GET
    @Path("/reopenings")
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER,
        Roles.VIEWER
    })
    @Operation(
            operationId = "listReopenings",
            summary = "The plan's reopened periods (a reporter sees its own bureau's)")
    @APIResponse(
            responseCode = "200",
            description = "The reopenings",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReopeningView.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public List<ReopeningView> reopenings(
            @Parameter(description = YEAR_DOC, schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year) {
        return calendars.reopenings(parseYear(year), caller.confinedProvince());
    }

    @RateLimited
    @POST
    @Path("/reopenings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "reopenPeriod", summary = "Reopen a locked period for one bureau, until a day")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Hebei, first quarter", value = """
            {"provinceCode": "130000", "period": "2025-Q1", "openUntil": "2025-06-30"}""")))
    @APIResponse(
            responseCode = "201",
            description = "The reopening; Location is its address",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReopeningView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    public Response reopen(
            @Parameter(description = YEAR_DOC, schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year,
            @Valid @NotNull(message = "a JSON body is required") ReopeningRequest request) {
        int planYear = parseYear(year);
        ReopeningView reopening = calendars.reopen(planYear, request, caller.actor());
        return Response.created(URI.create("/api/calendars/" + planYear + "/reopenings/" + reopening.provinceCode()
                        + "/" + reopening.period()))
                .entity(reopening)
                .build();
    }

    @RateLimited
    @DELETE
    @Path("/reopenings/{province}/{period}")
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "closeReopening", summary = "Close a reopened period again")
    @APIResponse(responseCode = "204", description = "Closed")
    @APIResponse(
            responseCode = "404",
            description = "No plan has this year, or the period was not reopened for the bureau")
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    public Response close(
            @Parameter(description = YEAR_DOC, schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year,
            @Parameter(example = "130000") @PathParam("province") String province,
            @Parameter(example = "2025-Q1") @PathParam("period") String period) {
        if (!calendars.close(parseYear(year), province, period)) {
            throw ProblemException.notFound("The period " + period + " is not reopened for " + province + ".");
        }
        return Response.noContent().build();
    }

    private static int parseYear(String year) {
        return PlanYears.parse("year", year);
    }
}
