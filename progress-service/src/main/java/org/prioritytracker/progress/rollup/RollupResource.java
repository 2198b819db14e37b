package org.prioritytracker.progress.rollup;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.progress.security.Caller;
import org.prioritytracker.progress.security.Roles;

@Path("/api/rollups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rollups", description = """
        Computed from each province's latest report per item (latest period; for equal period ends, the latest \
        submission). Means are over the provinces that reported. Coverage counts the provinces that reported for the \
        item's latest period, out of 32. A province is behind when it is below the national mean by more than \
        behindMarginPoints (10 by default) or reports AT_RISK or BLOCKED. A provincial reporter sees the national \
        figures (means, counts, coverage) but no other province's figures: per-province lists and heatmap cells hold \
        its own province only, and another province's rollup is a 403.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER, Roles.VIEWER})
public class RollupResource {

    private final RollupService rollups;
    private final Caller caller;

    public RollupResource(RollupService rollups, Caller caller) {
        this.rollups = rollups;
        this.caller = caller;
    }

    @GET
    @Path("/items/{code}")
    @Operation(summary = "One sub-item across the provinces: national mean, coverage, provinces behind")
    @APIResponse(responseCode = "200", description = "The rollup")
    @APIResponse(responseCode = "404", description = "No such sub-item")
    @APIResponse(responseCode = "503", description = "task-service cannot be reached and the item is not cached")
    public Rollups.ItemRollup item(@Parameter(example = "P3.2") @PathParam("code") String code) {
        return rollups.item(code, caller.confinedProvince());
    }

    @GET
    @Path("/priorities/{code}")
    @Operation(summary = "One priority: mean percent, counts by status, coverage, and each of its sub-items")
    @APIResponse(responseCode = "200", description = "The rollup")
    @APIResponse(responseCode = "404", description = "No such priority")
    public Rollups.PriorityRollup priority(@Parameter(example = "P3") @PathParam("code") String code) {
        return rollups.priority(code);
    }

    @GET
    @Path("/overview")
    @Operation(summary = "All eight priorities: mean percent, counts by status, coverage")
    @APIResponse(responseCode = "200", description = "The overview")
    public Rollups.Overview overview() {
        return rollups.overview();
    }

    @GET
    @Path("/heatmap")
    @Operation(summary = "Every province's latest report on every item (at most 32 x 31 cells)")
    @APIResponse(responseCode = "200", description = "The cells")
    public Rollups.Heatmap heatmap() {
        return rollups.heatmap(caller.confinedProvince());
    }

    @GET
    @Path("/provinces/{code}")
    @Operation(summary = "One province across all sub-items")
    @APIResponse(responseCode = "200", description = "The rollup")
    @APIResponse(responseCode = "403", description = "A reporter asked for another province")
    @APIResponse(responseCode = "404", description = "No such reporting bureau")
    public Rollups.ProvinceRollup province(@Parameter(example = "130000") @PathParam("code") String code) {
        return rollups.province(code, caller.confinedProvince());
    }
}
