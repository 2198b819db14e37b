package org.prioritytracker.task.province;

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

@Path("/api/provinces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provinces", description = "The 32 reporting bureaus")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER,
    Roles.SERVICE
})
public class ProvinceResource {

    private static final String IF_MATCH_DOC = "The bureau's version in quotes (its ETag): without it 428, stale 412";

    private final ProvinceService service;
    private final Caller caller;

    public ProvinceResource(ProvinceService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "listProvinces",
            summary = "List the reporting bureaus in GB/T 2260 order, the XPCC bureau last, deactivated ones included")
    public List<ProvinceView> list() {
        return Province.listInOrder().stream().map(ProvinceView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getProvince", summary = "One reporting bureau, with its ETag")
    @APIResponse(
            responseCode = "200",
            description = "The bureau",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProvinceView.class)))
    @APIResponse(responseCode = "404", description = "No bureau has this code")
    public Response get(@Parameter(example = "130000") @PathParam("code") String code) {
        return withETag(service.get(code));
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Path("/{code}/{action: deactivate|reactivate}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_ADMIN)
    @Operation(operationId = "changeProvinceStatus", summary = "Deactivate or reactivate the bureau", description = """
            deactivate: from now on the bureau owes no report whose deadline is later: completeness, timeliness, \
            reminders and open obligations leave it out for those periods, and progress-service takes no report of \
            it for them. What it reported stays. reactivate: the bureau owes every due period again, those of its \
            deactivation included.""")
    @RequestBody(
            content = @Content(examples = @ExampleObject(name = "reorganised", value = "{\"reason\": \"机构调整，暂停报送\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The bureau after the change, with its new ETag",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ProvinceView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The reason is missing or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No bureau has this code")
    @APIResponse(responseCode = "409", description = "The bureau is deactivated already, or active already")
    public Response changeStatus(
            @Parameter(example = "130000") @PathParam("code") String code,
            @Parameter(schema = @Schema(enumeration = {"deactivate", "reactivate"})) @PathParam("action") String action,
            @Parameter(description = IF_MATCH_DOC, example = "\"1\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") BureauStatusRequest request) {
        return withETag(service.setActive(code, "reactivate".equals(action), request, ifMatch, caller.actor()));
    }

    private static Response withETag(Province province) {
        return Response.ok(ProvinceView.of(province))
                .header(HttpHeaders.ETAG, province.etag())
                .build();
    }
}
