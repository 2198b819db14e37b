package org.prioritytracker.task.item;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.prioritytracker.ratelimit.RateLimited;
import org.prioritytracker.responsecache.ResponseCache;

@Path("/api/items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Items", description = """
        Sub-items and their status workflow. Allowed moves: NOT_STARTED -> IN_PROGRESS; IN_PROGRESS <-> AT_RISK; \
        IN_PROGRESS | AT_RISK -> COMPLETED; COMPLETED -> IN_PROGRESS (reopen); NOT_STARTED | IN_PROGRESS | AT_RISK -> \
        SUSPENDED, and back to the state it left. A reason is required for AT_RISK, SUSPENDED and reopening.""")
@SecurityRequirement(name = "jwt")
public class ItemResource {

    private static final String IF_MATCH_DOC =
            "The item's current ETag, from GET /api/items/{code}: without it 428, stale 412";

    private final ItemService service;
    private final Caller caller;
    private final ResponseCache cache;

    public ItemResource(ItemService service, Caller caller, ResponseCache cache) {
        this.service = service;
        this.caller = caller;
        this.cache = cache;
    }

    @GET
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER,
        Roles.VIEWER,
        Roles.SERVICE
    })
    @Operation(operationId = "listItems", summary = "Sub-items, filtered and paged, in priority order")
    @APIResponse(
            responseCode = "200",
            description = "One page and the total count; an ETag for If-None-Match",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ItemPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
    @APIResponse(
            responseCode = "400",
            description = "A filter or page parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(
                            description = "Only the items of this plan (year)",
                            example = "2025",
                            schema = @Schema(type = SchemaType.INTEGER))
                    @QueryParam("plan")
                    String plan,
            @Parameter(description = "Priority code", example = "P3") @QueryParam("priority") String priority,
            @Parameter(description = "Status", example = "AT_RISK", schema = @Schema(implementation = ItemStatus.class))
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "Only overdue (true) or only not overdue (false) items",
                            schema = @Schema(type = SchemaType.BOOLEAN))
                    @QueryParam("overdue")
                    String overdue,
            @Parameter(
                            description = "Archived items (true) instead of the active ones (false, the default)",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("archived")
                    String archived,
            @Parameter(
                            description = "Page number, from 0",
                            schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
                    @QueryParam("page")
                    String page,
            @Parameter(
                            description = "Page size, 1 to 200",
                            schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
                    @QueryParam("size")
                    String size,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ItemQuery query = ItemQuery.parse(plan, priority, status, overdue, archived, page, size);
        return cache.get("items " + query, () -> service.list(query)).toResponse(ifNoneMatch);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER,
        Roles.VIEWER,
        Roles.SERVICE
    })
    @Operation(operationId = "getItem", summary = "One sub-item, with its ETag")
    @APIResponse(
            responseCode = "200",
            description = "The item",
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description = "The version in quotes, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No sub-item has this code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(example = "P3.2") @PathParam("code") String code) {
        return withETag(service.get(code));
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{code}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "transitionItem", summary = "Move the item's status through the workflow")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "start", value = "{\"to\": \"IN_PROGRESS\"}"),
                                @ExampleObject(
                                        name = "at risk",
                                        value = "{\"to\": \"AT_RISK\", \"reason\": \"汛期水质波动，部分断面不达标\"}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The item after the move, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid body, or a reason is required for this move",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No sub-item has this code")
    @APIResponse(responseCode = "409", description = "The workflow does not allow this move")
    public Response transition(
            @Parameter(example = "P3.2") @PathParam("code") String code,
            @Parameter(description = IF_MATCH_DOC, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") TransitionRequest request) {
        return withETag(service.transition(code, request, ifMatch, caller.actor()));
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @PATCH
    @Path("/{code}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(
            operationId = "patchItem",
            summary = "Edit titles, description, lead department or due date (JSON merge patch)")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "assign",
                                            value = "{\"leadDepartment\": \"水生态环境司\", \"dueDate\": \"2025-11-30\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The item after the edit, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is unknown, not editable or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No sub-item has this code")
    public Response patch(
            @Parameter(example = "P3.2") @PathParam("code") String code,
            @Parameter(description = IF_MATCH_DOC, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonNode body) {
        return withETag(service.patch(code, ItemPatch.parse(body), ifMatch, caller.actor()));
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{code}/archive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "archiveItem", summary = "Archive the item", description = """
            An archived item expects no more reports and takes no more changes; it keeps its status, history and
            reports, and is listed with archived=true.""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "merged", value = "{\"reason\": \"并入P3.2统一调度\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The archived item, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ItemView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The reason is missing or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No sub-item has this code")
    @APIResponse(responseCode = "409", description = "The item is archived already")
    public Response archive(
            @Parameter(example = "P3.2") @PathParam("code") String code,
            @Parameter(description = IF_MATCH_DOC, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ArchiveRequest request) {
        return withETag(service.archive(code, request, ifMatch, caller.actor()));
    }

    @GET
    @Path("/{code}/history")
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER,
        Roles.VIEWER,
        Roles.SERVICE
    })
    @Operation(
            operationId = "listItemHistory",
            summary = "The item's changes, newest first: creation, status moves, edits, archiving")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "404", description = "No sub-item has this code")
    public List<HistoryView> history(@Parameter(example = "P3.2") @PathParam("code") String code) {
        return service.history(code).stream().map(HistoryView::of).toList();
    }

    static Response withETag(SubItem item) {
        return Response.ok(ItemView.of(item))
                .header(HttpHeaders.ETAG, item.etag())
                .build();
    }
}
