package org.prioritytracker.progress.review;

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

@Path("/api/reports/{id}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review", description = "The ministry's review of submitted reports")
@SecurityRequirement(name = "jwt")
public class ReviewResource {

    private final ReviewService service;
    private final Caller caller;

    public ReviewResource(ReviewService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_REVIEWER)
    @Operation(
            operationId = "reviewReport",
            summary = "Accept a submitted report (it is then locked) or return it to the province for amendment")
    @RequestBody(
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "accept", value = "{\"decision\": \"ACCEPTED\"}"),
                                @ExampleObject(
                                        name = "return",
                                        value = "{\"decision\": \"RETURNED\", \"comment\": \"请补充断面监测数据。\"}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The reviewed report; its version is the one judged",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No decision, or RETURNED without a comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such report")
    @APIResponse(responseCode = "409", description = """
            The report is not awaiting review: already ACCEPTED or RETURNED, or SUBMITTED in a plan year that requires the \
            bureau's approval first""")
    public Response review(
            @PathParam("id") UUID id,
            @Parameter(
                            description = "The ETag of the version being judged, from GET /api/reports/{id}",
                            example = "\"2\"")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ReviewRequest request) {
        Report report = service.review(id, request, ifMatch, caller.actor());
        return Response.ok(ReportView.of(report))
                .header(HttpHeaders.ETAG, report.etag())
                .build();
    }
}
