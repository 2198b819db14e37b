package org.prioritytracker.progress.approval;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
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
import org.prioritytracker.progress.report.Report;
import org.prioritytracker.progress.report.ReportView;
import org.prioritytracker.ratelimit.RateLimited;

@Path("/api/reports/{id}/approval")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Approval", description = """
        The bureau's approval: its provincial-approver approves a submitted report of its own province before the \
        ministry reviews it, or returns it to the officer with a comment""")
@SecurityRequirement(name = "jwt")
public class ApprovalResource {

    private final ApprovalService service;
    private final Caller caller;

    public ApprovalResource(ApprovalService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PROVINCIAL_APPROVER)
    @Operation(operationId = "approveReport", summary = """
            Approve a submitted report of your bureau (it goes on to the ministry and the officer can no longer amend it) \
            or return it to the officer for amendment""")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "approve", value = "{\"decision\": \"APPROVED\"}"),
                                @ExampleObject(
                                        name = "return",
                                        value = "{\"decision\": \"RETURNED\", \"comment\": \"请核实第二季度的监测数据。\"}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The report as decided; its version is the one judged",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No decision, an unknown one, or RETURNED without a comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not a provincial-approver, or the report belongs to another province",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such report",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The report is not SUBMITTED: already APPROVED, RETURNED or ACCEPTED",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "The report was amended since the version in If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "428",
            description = "No If-Match header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response approve(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The ETag of the version being judged, from GET /api/reports/{id}",
                            example = "\"1\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ApprovalRequest request) {
        Report report = service.decide(id, request, ifMatch, caller.approverProvince(), caller.actor());
        return Response.ok(ReportView.of(report))
                .header(HttpHeaders.ETAG, report.etag())
                .build();
    }
}
