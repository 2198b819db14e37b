package org.prioritytracker.task.catalogue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
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
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.plan.Plan;
import org.prioritytracker.task.priority.NewPriorityRequest;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.task.priority.PriorityService;
import org.prioritytracker.task.seed.SeedFiles.PrioritiesFile;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plans", description = """
        Each work conference's year and the priorities it set. The ministry starts a plan empty and adds its
        priorities, or imports it whole from a file in the seed format.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER,
    Roles.SERVICE
})
public class PlanResource {

    private final ResponseCache cache;
    private final PlanService plans;
    private final PriorityService priorities;
    private final Caller caller;
    private final Clock clock;

    public PlanResource(
            ResponseCache cache, PlanService plans, PriorityService priorities, Caller caller, Clock clock) {
        this.cache = cache;
        this.plans = plans;
        this.priorities = priorities;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listPlans", summary = "Every plan, newest first", description = """
            The current plan, which the unqualified reads such as GET /api/priorities mean, is this year's
            (Beijing calendar) or else the newest that has begun.""")
    @APIResponse(
            responseCode = "200",
            description = "The plans",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PlanView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("plans", () -> {
                    List<Plan> plans = Plan.listNewestFirst();
                    int current = Plan.currentYear(clock, 0);
                    return plans.stream()
                            .map(plan -> PlanView.of(plan, current))
                            .toList();
                })
                .toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{year}/priorities")
    @Operation(operationId = "listPlanPriorities", summary = "One plan's priorities in order, each with its sub-items")
    @APIResponse(
            responseCode = "200",
            description = "The plan's priorities",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "The year is not a year")
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public Response priorities(
            @Parameter(description = "The plan's year", schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int planYear = parseYear(year);
        return cache.get("plan " + planYear + " priorities", () -> {
                    if (Plan.findById(planYear) == null) {
                        throw ProblemException.notFound("No plan has the year " + planYear + ".");
                    }
                    return PriorityView.ofPlan(planYear);
                })
                .toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{year}")
    @Operation(operationId = "getPlan", summary = "One plan")
    @APIResponse(
            responseCode = "200",
            description = "The plan",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "The year is not a year")
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public Response get(
            @Parameter(description = "The plan's year", schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @PathParam("year")
                    String year,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        int planYear = parseYear(year);
        return cache.get("plan " + planYear, () -> {
                    Plan plan = Plan.findById(planYear);
                    if (plan == null) {
                        throw ProblemException.notFound("No plan has the year " + planYear + ".");
                    }
                    return PlanView.of(plan, currentYear(plan));
                })
                .toResponse(ifNoneMatch);
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "createPlan", summary = "Start an empty plan for a work conference's year")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "2026", value = """
            {"year": 2026, "titleZh": "2026年生态环境保护重点任务",
             "titleEn": "2026 key tasks of ecological and environmental protection"}""")))
    @APIResponse(
            responseCode = "201",
            description = "The plan; Location is its address",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PlanView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year has a plan already")
    public Response create(@Valid @NotNull(message = "a JSON body is required") NewPlanRequest request) {
        Plan plan = plans.create(request, caller.actor());
        return Response.created(URI.create("/api/plans/" + plan.year))
                .entity(PlanView.of(plan, currentYear(plan)))
                .build();
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(
            operationId = "importPlan",
            summary = "Create a whole plan from a file in the seed format (seeds/priorities.json)",
            description = """
            All or nothing: the plan, its priorities and sub-items are created in one transaction, each with its
            event. Codes and positions may be left out; where given they must be those the rows' places give
            (2026-P1, 2026-P1.1; docs/seeds.md explains the codes). deploy/local/plan import FILE sends a file.""")
    @APIResponse(
            responseCode = "201",
            description = "What was created; Location is the plan's address",
            headers = @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "The file is invalid: every bad field is named by its path",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The year has a plan already")
    public Response importPlan(@NotNull(message = "a JSON body is required") PrioritiesFile file) {
        ImportResult result = plans.importPlan(file, caller.actor());
        return Response.created(URI.create("/api/plans/" + result.plan().year()))
                .entity(result)
                .build();
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{year}/priorities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "addPriority", summary = "Add a priority at the end of the plan", description = """
            Its code follows from its place: P<n> in the 2025 plan, <year>-P<n> in any other (2026-P1).""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "new priority", value = """
            {"titleZh": "持续深入打好污染防治攻坚战", "titleEn": "Keep fighting the battle against pollution in depth"}""")))
    @APIResponse(
            responseCode = "201",
            description = "The priority; Location is its address",
            headers = {
                @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
                @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = PriorityView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid, or the year is not a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    @APIResponse(responseCode = "409", description = "The plan holds as many priorities as a plan can")
    public Response addPriority(
            @Parameter(description = "The plan's year", schema = @Schema(type = SchemaType.INTEGER, examples = "2026"))
                    @PathParam("year")
                    String year,
            @Valid @NotNull(message = "a JSON body is required") NewPriorityRequest request) {
        Priority priority = priorities.create(parseYear(year), request, caller.actor());
        return Response.created(URI.create("/api/priorities/" + priority.code))
                .entity(PriorityView.of(priority))
                .header(HttpHeaders.ETAG, priority.etag())
                .build();
    }

    private int currentYear(Plan plan) {
        return Plan.currentYear(clock, plan.year);
    }

    /** Four digits, as the plans' years are written; anything else is a 400 naming the field. */
    private static int parseYear(String year) {
        return Plan.parseYear(year)
                .orElseThrow(() -> ProblemException.badRequest("year", "must be a year of four digits, such as 2025"));
    }
}
