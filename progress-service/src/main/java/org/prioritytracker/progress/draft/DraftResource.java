package org.prioritytracker.progress.draft;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
import org.prioritytracker.progress.calendar.PlanYears;
import org.prioritytracker.ratelimit.RateLimited;

/**
 * An officer's drafts, saved on the server so that they can be resumed on another machine. Only the
 * officer who saved a draft ever sees it: another officer of the bureau finds none (404, an empty
 * list), and other roles are refused (403).
 */
@Path("/api/drafts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Drafts", description = "An officer's unfinished reports, private to the officer")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.PROVINCIAL_REPORTER)
public class DraftResource {

    private static final String ITEM_DOC = "The sub-item's code";
    private static final String PERIOD_DOC = "A quarter (2025-Q2) or a month (2025-06)";

    private final DraftService service;
    private final Caller caller;

    public DraftResource(DraftService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @PUT
    @Path("/{itemCode}/{period}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "saveDraft",
            summary = "Save your draft of a report (create or replace)",
            description = """
            Every field may be missing; what is given follows a report's rules. reportId marks a draft that amends \
            that report. With If-Match, only that version is replaced (412 otherwise); without, the last save wins. \
            The draft's idempotencyKey stays the same across saves: submit with it as the Idempotency-Key.""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "draft", value = """
            {"percentComplete": 45.5, "status": "ON_TRACK", "narrative": "全省地表水国控断面优良比例同比提升", "metrics": []}""")))
    @APIResponse(
            responseCode = "200",
            description = "The draft replaced, one version up",
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description = "The version in quotes",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The draft created at version 1",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "The draft",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = HttpHeaders.ETAG,
                        description = "The version in quotes",
                        schema = @Schema(type = SchemaType.STRING))
            },
            content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field, the item, the period or reportId is invalid; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only a provincial reporter keeps drafts")
    @APIResponse(
            responseCode = "412",
            description = "If-Match names another version than the draft's, or there is no draft")
    @APIResponse(
            responseCode = "503",
            description = "task-service cannot be reached to check the item; retry after Retry-After")
    public Response save(
            @Parameter(description = ITEM_DOC, example = "P3.2") @PathParam("itemCode") String itemCode,
            @Parameter(description = PERIOD_DOC, example = "2025-Q2") @PathParam("period") String period,
            @Parameter(
                            description = "The draft's ETag as last read; optional",
                            schema = @Schema(type = SchemaType.STRING))
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") DraftRequest request,
            @Context UriInfo uri) {
        DraftService.Saved saved = service.save(owner(), itemCode, period, request, ifMatch);
        ReportDraft draft = saved.draft();
        Response.ResponseBuilder response;
        if (saved.created()) {
            URI location = uri.getBaseUriBuilder()
                    .path("api/drafts")
                    .path(draft.itemCode)
                    .path(draft.period)
                    .build();
            response = Response.created(location);
        } else {
            response = Response.ok();
        }
        return response.entity(DraftView.of(draft))
                .header(HttpHeaders.ETAG, draft.etag())
                .build();
    }

    @GET
    @Operation(operationId = "listDrafts", summary = "Your drafts, newest first (at most 500)")
    @APIResponse(
            responseCode = "200",
            description = "Your drafts",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DraftView.class)))
    @APIResponse(
            responseCode = "400",
            description = "plan is not a year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only a provincial reporter keeps drafts")
    public List<DraftView> list(
            @Parameter(
                            description = "A plan's year: only drafts of its periods",
                            schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @QueryParam("plan")
                    String plan) {
        // Blank is no filter, as in GET /api/reports.
        Integer year = plan == null || plan.isBlank() ? null : PlanYears.parse("plan", plan);
        return service.list(owner(), year).stream().map(DraftView::of).toList();
    }

    @GET
    @Path("/{itemCode}/{period}")
    @Operation(operationId = "getDraft", summary = "Your draft of a report")
    @APIResponse(
            responseCode = "200",
            description = "The draft, with its ETag",
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description = "The version in quotes",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DraftView.class)))
    @APIResponse(responseCode = "403", description = "Only a provincial reporter keeps drafts")
    @APIResponse(responseCode = "404", description = "You have no draft for this item and period")
    public Response get(
            @Parameter(description = ITEM_DOC, example = "P3.2") @PathParam("itemCode") String itemCode,
            @Parameter(description = PERIOD_DOC, example = "2025-Q2") @PathParam("period") String period) {
        ReportDraft draft = service.get(owner(), itemCode, period);
        return Response.ok(DraftView.of(draft))
                .header(HttpHeaders.ETAG, draft.etag())
                .build();
    }

    @DELETE
    @Path("/{itemCode}/{period}")
    @Operation(operationId = "deleteDraft", summary = "Delete your draft (abandoned, or submitted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Only a provincial reporter keeps drafts")
    @APIResponse(responseCode = "404", description = "You have no draft for this item and period")
    public void delete(
            @Parameter(description = ITEM_DOC, example = "P3.2") @PathParam("itemCode") String itemCode,
            @Parameter(description = PERIOD_DOC, example = "2025-Q2") @PathParam("period") String period) {
        service.delete(owner(), itemCode, period);
    }

    private DraftService.Owner owner() {
        return new DraftService.Owner(caller.name(), caller.reporterProvince());
    }
}
