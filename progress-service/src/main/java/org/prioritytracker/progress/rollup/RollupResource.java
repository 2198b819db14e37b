package org.prioritytracker.progress.rollup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.prioritytracker.responsecache.ResponseCache;

@Path("/api/rollups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rollups", description = """
        Computed from each province's latest report per item (latest period; for equal period ends, the latest \
        submission). Means are over the provinces that reported. Coverage counts the provinces that reported for the \
        item's latest period, out of 32. A province is behind when it is below the national mean by more than \
        behindMarginPoints (10 by default) or reports AT_RISK or BLOCKED. A provincial reporter sees the national \
        figures (means, counts, coverage) but no other province's figures: per-province lists and heatmap cells hold \
        its own province only, and another province's rollup is a 403. Every rollup carries an ETag: send it back in \
        If-None-Match and an unchanged rollup is a 304 without a body.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER
})
public class RollupResource {

    private static final String UNCHANGED = "Unchanged since the ETag sent in If-None-Match";

    private final RollupService rollups;
    private final ResponseCache cache;
    private final Caller caller;

    public RollupResource(RollupService rollups, ResponseCache cache, Caller caller) {
        this.rollups = rollups;
        this.cache = cache;
        this.caller = caller;
    }

    @GET
    @Path("/items/{code}")
    @Operation(
            operationId = "getItemRollup",
            summary = "One sub-item across the provinces: national mean, coverage, provinces behind")
    @APIResponse(
            responseCode = "200",
            description = "The rollup",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Rollups.ItemRollup.class)))
    @APIResponse(responseCode = "304", description = UNCHANGED)
    @APIResponse(responseCode = "404", description = "No such sub-item")
    @APIResponse(responseCode = "503", description = "task-service cannot be reached and the item is not cached")
    public Response item(
            @Parameter(example = "P3.2") @PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String province = caller.confinedProvince();
        return cache.get("item " + code + " " + province, () -> rollups.item(code, province))
                .toResponse(ifNoneMatch);
    }

    @GET
    @Path("/priorities/{code}")
    @Operation(
            operationId = "getPriorityRollup",
            summary = "One priority: mean percent, counts by status, coverage, and each of its sub-items")
    @APIResponse(
            responseCode = "200",
            description = "The rollup",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Rollups.PriorityRollup.class)))
    @APIResponse(responseCode = "304", description = UNCHANGED)
    @APIResponse(responseCode = "404", description = "No such priority")
    public Response priority(
            @Parameter(example = "P3") @PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("priority " + code, () -> rollups.priority(code)).toResponse(ifNoneMatch);
    }

    @GET
    @Path("/overview")
    @Operation(
            operationId = "getOverviewRollup",
            summary = "All eight priorities: mean percent, counts by status, coverage")
    @APIResponse(
            responseCode = "200",
            description = "The overview",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Rollups.Overview.class)))
    @APIResponse(responseCode = "304", description = UNCHANGED)
    public Response overview(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return cache.get("overview", rollups::overview).toResponse(ifNoneMatch);
    }

    @GET
    @Path("/heatmap")
    @Operation(
            operationId = "getHeatmapRollup",
            summary = "Every province's latest report on every item (at most 32 x 31 cells)")
    @APIResponse(
            responseCode = "200",
            description = "The cells",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Rollups.Heatmap.class)))
    @APIResponse(responseCode = "304", description = UNCHANGED)
    public Response heatmap(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String province = caller.confinedProvince();
        return cache.get("heatmap " + province, () -> rollups.heatmap(province)).toResponse(ifNoneMatch);
    }

    @GET
    @Path("/provinces/{code}")
    @Operation(operationId = "getProvinceRollup", summary = "One province across all sub-items")
    @APIResponse(
            responseCode = "200",
            description = "The rollup",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = Rollups.ProvinceRollup.class)))
    @APIResponse(responseCode = "304", description = UNCHANGED)
    @APIResponse(responseCode = "403", description = "A reporter asked for another province")
    @APIResponse(responseCode = "404", description = "No such reporting bureau")
    public Response province(
            @Parameter(example = "130000") @PathParam("code") String code,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String province = caller.confinedProvince();
        return cache.get("province " + code + " " + province, () -> rollups.province(code, province))
                .toResponse(ifNoneMatch);
    }
}
