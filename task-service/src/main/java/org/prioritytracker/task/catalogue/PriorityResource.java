package org.prioritytracker.task.catalogue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.prioritytracker.task.item.ArchiveRequest;
import org.prioritytracker.task.item.ItemService;
import org.prioritytracker.task.item.ItemView;
import org.prioritytracker.task.item.NewItemRequest;
import org.prioritytracker.task.item.SubItem;
import org.prioritytracker.task.plan.Plan;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.task.priority.PriorityPatch;
import org.prioritytracker.task.priority.PriorityService;

@Path("/api/priorities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Priorities", description = """
        The key tasks of a plan (the eight of the 2025 work conference, say); the ministry adds, renames and
        archives them and adds their sub-items.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER,
    Roles.SERVICE
})
public class PriorityResource {

    private static final String IF_MATCH_DOC = """
            The priority's version in quotes: its version field, or the ETag that its last write answered with \
            (the ETag of a GET tags the whole representation, items included). Without it 428, stale 412""";

    private final ResponseCache cache;
    private final PriorityService priorities;
    private final PriorityArchive archives;
    private final ItemService items;
    private final Caller caller;
    private final Clock clock;

    public PriorityResource(
            ResponseCache cache,
            PriorityService priorities,
            PriorityArchive archives,
            ItemService items,
            Caller caller,
            Clock clock) {
        this.cache = cache;
        this.priorities = priorities;
        this.archives = archives;
        this.items = items;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(
            operationId = "listPriorities",
            summary = "The current plan's priorities in order, each with its sub-items",
            description = """
            The current plan is this year's, or else the newest that has begun (GET /api/plans says which);
            GET /api/plans/{year}/priorities gives any plan's.
            Carries an ETag: send it back in If-None-Match and an unchanged list is a 304 without a body.""")
    @APIResponse(
            responseCode = "200",
            description = "The priorities",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get(
                        "priorities",
                        () -> Plan.current(clock)
                                .map(plan -> PriorityView.ofPlan(plan.year))
                                .orElse(List.of()))
                .toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getPriority", summary = "One priority with its sub-items")
    @APIResponse(
            responseCode = "200",
            description = "The priority",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PriorityView.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "404", description = "No priority has this code")
    public Response get(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get(
                        "priority " + code,
                        () -> Priority.<Priority>findByIdOptional(code)
                                .map(PriorityView::of)
                                .orElseThrow(
                                        () -> ProblemException.notFound("No priority has the code '" + code + "'.")))
                .toResponse(ifNoneMatch);
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{code}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "addItem", summary = "Add a sub-item at the end of the priority", description = """
            Its code is the priority's code, a dot and its place (P3.6, 2026-P1.3); it starts NOT_STARTED, and the
            bureaus report on it from then on.""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "new item", value = """
            {"titleZh": "推进重点流域水生态保护修复", "titleEn": "Restore the water ecology of key river basins",
             "leadDepartment": "水生态环境司", "dueDate": "2025-12-31"}""")))
    @APIResponse(
            responseCode = "201",
            description = "The new item; Location is its address",
            headers = {
                @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
                @Header(name = HttpHeaders.LOCATION, schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No priority has this code")
    @APIResponse(responseCode = "409", description = "The priority is archived, or full")
    public Response addItem(
            @Parameter(example = "P3") @PathParam("code") String code,
            @Valid @NotNull(message = "a JSON body is required") NewItemRequest request) {
        SubItem item = items.create(code, request, caller.actor());
        return Response.created(URI.create("/api/items/" + item.code))
                .entity(ItemView.of(item))
                .header(HttpHeaders.ETAG, item.etag())
                .build();
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @PATCH
    @Path("/{code}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "patchPriority", summary = "Rename the priority (JSON merge patch of its titles)")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "rename",
                                            value = "{\"titleEn\": \"Win the battle against pollution\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The priority after the edit, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PriorityView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is unknown or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No priority has this code")
    @APIResponse(responseCode = "409", description = "The priority is archived")
    public Response patch(
            @Parameter(example = "P3") @PathParam("code") String code,
            @Parameter(description = IF_MATCH_DOC, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") PriorityPatch patch) {
        return withETag(priorities.patch(code, patch, ifMatch, caller.actor()));
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{code}/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(
            operationId = "archivePriority",
            summary = "Archive the priority and its active sub-items",
            description = """
            Archived rows stay, with their history and reports; they expect no reports and take no changes.""")
    @RequestBody(
            content = @Content(examples = @ExampleObject(name = "withdrawn", value = "{\"reason\": \"任务调整，不再单列\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The archived priority, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = PriorityView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The reason is missing or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No priority has this code")
    @APIResponse(responseCode = "409", description = "The priority is archived already")
    public Response archive(
            @Parameter(example = "P3") @PathParam("code") String code,
            @Parameter(description = IF_MATCH_DOC, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ArchiveRequest request) {
        return withETag(archives.archive(code, request.trimmedReason(), ifMatch, caller.actor()));
    }

    private static Response withETag(Priority priority) {
        return Response.ok(PriorityView.of(priority))
                .header(HttpHeaders.ETAG, priority.etag())
                .build();
    }
}
