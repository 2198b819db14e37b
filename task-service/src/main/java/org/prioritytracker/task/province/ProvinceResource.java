package org.prioritytracker.task.province;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.task.security.Roles;

@Path("/api/provinces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provinces", description = "The 32 reporting bureaus")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER, Roles.VIEWER, Roles.SERVICE})
public class ProvinceResource {

    @GET
    @Operation(summary = "List the reporting bureaus in GB/T 2260 order, the XPCC bureau last")
    public List<ProvinceView> list() {
        return Province.listInOrder().stream().map(ProvinceView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One reporting bureau")
    @APIResponse(responseCode = "200", description = "The bureau")
    @APIResponse(responseCode = "404", description = "No bureau has this code")
    public ProvinceView get(@PathParam("code") String code) {
        Province province = Province.findById(code);
        if (province == null) {
            throw ProblemException.notFound("No reporting bureau has the code '" + code + "'.");
        }
        return ProvinceView.of(province);
    }
}
