package org.prioritytracker.progress.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import java.util.Map;
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
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.problem.StorableText;
import org.prioritytracker.ratelimit.RateLimited;

@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "Progress reports from the provincial bureaus")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    static final String EXAMPLE = """
            {"itemCode": "P3.2", "period": "2025-Q2", "percentComplete": 45.5, "status": "ON_TRACK",
             "narrative": "全省地表水国控断面优良比例同比提升2.1个百分点。",
             "metrics": [{"name": "地表水优良比例", "value": 86.4, "unit": "%"}]}""";

    private final ReportService service;
    private final ReportQueries queries;
    private final Caller caller;

    public ReportResource(ReportService service, ReportQueries queries, Caller caller) {
        this.service = service;
        this.queries = queries;
        this.caller = caller;
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PROVINCIAL_REPORTER)
    @Operation(operationId = "submitReport", summary = "Submit a report for your province", description = """
            Requires an Idempotency-Key: a repeat with the same key and body returns the same report, the same key \
            with another body is a 422. Keys are kept 48 hours. A second report for the same province, item and \
            period is a 409 whose Location points to the existing one.""")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "report", value = EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Stored (or, for a repeat of an earlier request, as it was stored then)",
            headers = {
                @Header(
                        name = HttpHeaders.LOCATION,
                        description = "The report",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = HttpHeaders.ETAG,
                        description = "The version in quotes, for If-Match",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Idempotent-Replayed",
                        description = "true when this answers a repeat of an earlier request",
                        schema = @Schema(type = SchemaType.STRING, enumeration = "true"))
            },
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A field is invalid; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The body names another province")
    @APIResponse(
            responseCode = "409",
            description = "A report for this province, item and period exists",
            headers =
                    @Header(
                            name = HttpHeaders.LOCATION,
                            description = "The existing report",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    @APIResponse(
            responseCode = "503",
            description = "task-service cannot be reached to check the item; retry after Retry-After")
    public Response submit(
            @Parameter(
                            description = "A unique key per report you mean to submit, e.g. a UUID",
                            required = true,
                            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest request,
            @Context UriInfo uri) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw ProblemException.badRequest(
                    "Idempotency-Key", "is required: a unique string of at most 200 characters");
        }
        String unstorable = StorableText.problem(idempotencyKey);
        if (unstorable != null) {
            throw ProblemException.badRequest("Idempotency-Key", unstorable);
        }
        ReportService.Submission submission =
                service.submit(request, caller.reporterProvince(), caller.actor(), idempotencyKey.strip());
        Report report = submission.report();
        URI location = uri.getBaseUriBuilder()
                .path("api/reports")
                .path(report.id.toString())
                .build();
        if (submission.outcome() == ReportService.Outcome.DUPLICATE) {
            throw new ProblemException(
                    Problem.of(
                            409,
                            "Conflict",
                            "Your province already reported on " + report.itemCode + " for " + report.period
                                    + ": report " + report.id + ". Amend it with PUT /api/reports/" + report.id + ".",
                            List.of(new Problem.FieldError("period", "already reported in report " + report.id))),
                    Map.of(HttpHeaders.LOCATION, location.toString()));
        }
        Response.ResponseBuilder response =
                Response.created(location).entity(ReportView.of(report)).header(HttpHeaders.ETAG, report.etag());
        if (submission.outcome() == ReportService.Outcome.REPLAYED) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PROVINCIAL_REPORTER)
    @Operation(operationId = "amendReport", summary = "Amend your province's report while it is SUBMITTED or RETURNED")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "amendment", value = EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "The amended report, one version up",
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description = "The new version in quotes, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid or would change item, province or period")
    @APIResponse(responseCode = "403", description = "The report belongs to another province")
    @APIResponse(responseCode = "404", description = "No such report")
    @APIResponse(
            responseCode = "409",
            description = "The report was ACCEPTED and is locked, or APPROVED by the bureau (until a return)")
    public Response amend(
            @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") ReportRequest request) {
        Report report = service.amend(id, request, ifMatch, caller.reporterProvince(), caller.actor());
        return Response.ok(ReportView.of(report))
                .header(HttpHeaders.ETAG, report.etag())
                .build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.VIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER
    })
    @Operation(operationId = "getReport", summary = "One report (a reporter sees only its own province's)")
    @APIResponse(
            responseCode = "200",
            description = "The report, with its ETag",
            headers =
                    @Header(
                            name = HttpHeaders.ETAG,
                            description = "The version in quotes, for If-Match",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "403", description = "The report belongs to another province")
    @APIResponse(responseCode = "404", description = "No such report")
    public Response get(@PathParam("id") UUID id) {
        Report report = service.find(id);
        caller.requireOwnResource(report.provinceCode, "report");
        return Response.ok(ReportView.of(report))
                .header(HttpHeaders.ETAG, report.etag())
                .build();
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.VIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER
    })
    @Operation(operationId = "listReportVersions", summary = "Every submitted version of a report, oldest first")
    @APIResponse(responseCode = "200", description = "The versions")
    public List<ReportVersionView> versions(@PathParam("id") UUID id) {
        Report report = service.find(id);
        caller.requireOwnResource(report.provinceCode, "report");
        return ReportVersion.of(id).stream().map(ReportVersionView::of).toList();
    }

    @GET
    @RolesAllowed({
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.VIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER
    })
    @Operation(
            operationId = "listReports",
            summary = "Reports, filtered and paged, newest first (a reporter sees only its own province's)")
    @APIResponse(responseCode = "200", description = "One page with the total count")
    @APIResponse(
            responseCode = "400",
            description = "A filter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A reporter asked for another province")
    public ReportPage list(
            @Parameter(example = "P3.2") @QueryParam("item") String item,
            @Parameter(
                            description = "A priority: its sub-items' reports",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            pattern = "^" + ReportFilter.PRIORITY + "$",
                                            examples = "P3"))
                    @QueryParam("priority")
                    String priority,
            @Parameter(example = "130000") @QueryParam("province") String province,
            @Parameter(example = "2025-Q2") @QueryParam("period") String period,
            @Parameter(
                            description = "A plan's year: reports of its periods",
                            schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @QueryParam("plan")
                    String plan,
            @Parameter(schema = @Schema(implementation = ReviewState.class)) @QueryParam("reviewState")
                    String reviewState,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50")) @QueryParam("size")
                    String size) {
        return queries.list(ReportFilter.parse(
                item,
                priority,
                caller.actFor(province, "read %s's reports", "province"),
                period,
                plan,
                reviewState,
                page,
                size));
    }
}
