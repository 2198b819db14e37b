package org.prioritytracker.progress.batch;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.problem.ProblemMappers;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.report.ReportRequest;
import org.prioritytracker.progress.report.ReportService;
import org.prioritytracker.ratelimit.RateLimited;

/** Many reports at once; each row is validated and stored on its own, so one bad row sinks nothing else. */
@Path("/api/reports/batch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports")
@SecurityRequirement(name = "jwt")
public class BatchResource {

    static final int MAX_ROWS = 500;
    static final String CSV = "text/csv";

    private final ReportService service;
    private final Caller caller;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final ItemCatalog catalog;

    public BatchResource(
            ReportService service, Caller caller, ObjectMapper mapper, Validator validator, ItemCatalog catalog) {
        this.service = service;
        this.caller = caller;
        this.mapper = mapper;
        this.validator = validator;
        this.catalog = catalog;
    }

    @GET
    @Path("/template")
    @Produces(CSV)
    @RolesAllowed(Roles.PROVINCIAL_REPORTER)
    @Operation(
            operationId = "getReportBatchTemplate",
            summary = "A CSV template for a period: a row per active sub-item",
            description = """
            Columns itemCode, period, percentComplete, status, narrative; itemCode and period filled in, the rest empty. \
            UTF-8 with a byte-order mark (for Excel). Filled in, it is uploaded as it is to POST /api/reports/batch, \
            where a row left empty is refused on its own.""")
    @APIResponse(
            responseCode = "200",
            description = "The template",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "period is missing, not a period, or of a year without a plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only a provincial reporter submits reports")
    @APIResponse(
            responseCode = "503",
            description = "task-service cannot be reached for the plan; retry after Retry-After")
    public Response template(
            @Parameter(
                            description = "A quarter (2025-Q3) or a month (2025-07)",
                            required = true,
                            schema = @Schema(type = SchemaType.STRING, examples = "2025-Q3"))
                    @QueryParam("period")
                    String period) {
        caller.reporterProvince();
        Period parsed = period == null ? null : Period.parse(period.strip());
        if (parsed == null) {
            throw ProblemException.badRequest("period", "is required: a quarter (2025-Q3) or a month (2025-07)");
        }
        List<String> items = CsvTemplate.itemCodes(catalog.plan(parsed.year())
                .orElseThrow(() ->
                        ProblemException.badRequest("period", "lies in " + parsed.year() + ", a year without a plan")));
        StreamingOutput body = out -> CsvTemplate.write(items, parsed, out);
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reports-" + parsed.text() + ".csv\"")
                .build();
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PROVINCIAL_REPORTER)
    @Operation(
            operationId = "submitReportBatch",
            summary = "Submit up to 500 reports as a JSON array; the answer says what became of each")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "two reports",
                                            value =
                                                    "["
                                                            + "{\"itemCode\": \"P3.1\", \"period\": \"2025-Q2\", \"percentComplete\": 40, \"status\": \"ON_TRACK\"},"
                                                            + "{\"itemCode\": \"P3.2\", \"period\": \"2025-Q2\", \"percentComplete\": 35, \"status\": \"AT_RISK\"}]")))
    @APIResponse(responseCode = "200", description = "Per-row results: created, duplicate, invalid or unavailable")
    @APIResponse(responseCode = "400", description = "The body is not an array, or holds more than 500 rows")
    public BatchResult json(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.badRequest("body", "must be a JSON array of reports");
        }
        requireAtMostMaxRows(body.size());
        List<BatchResult.RowResult> results = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            results.add(submit(i, body.get(i)));
        }
        return BatchResult.of(results);
    }

    @RateLimited
    @APIResponse(
            responseCode = "429",
            description = "Too many writes from this caller: retry after Retry-After seconds")
    @POST
    @Consumes(CSV)
    @RolesAllowed(Roles.PROVINCIAL_REPORTER)
    // The same OpenAPI operation as the JSON method (same path and verb, another body); SmallRye merges the two
    // and warns of an operationId given twice, so the id is set on the JSON method only.
    @Operation(summary = "Submit up to 500 reports as CSV with a header row", description = """
            Columns: itemCode, period, percentComplete, status (required); narrative, provinceCode (optional); and \
            one column per metric headed metric:NAME (UNIT), for example metric:PM2.5年均浓度 (µg/m³). UTF-8; a \
            byte-order mark is ignored. Rows are reported by line number (the header is line 1).""")
    @RequestBody(
            content =
                    @Content(
                            mediaType = CSV,
                            examples =
                                    @ExampleObject(
                                            name = "spreadsheet",
                                            value =
                                                    "itemCode,period,percentComplete,status,narrative,metric:PM2.5年均浓度 (µg/m³)\n"
                                                            + "P3.1,2025-Q2,40,ON_TRACK,重污染天数同比减少,31.5\n")))
    @APIResponse(responseCode = "200", description = "Per-row results: created, duplicate, invalid or unavailable")
    @APIResponse(
            responseCode = "400",
            description = "The header lacks a required column, or there are more than 500 rows")
    public BatchResult csv(InputStream body) {
        List<CsvReports.Row> rows =
                CsvReports.parse(new InputStreamReader(body, StandardCharsets.UTF_8), MAX_ROWS, mapper);
        requireAtMostMaxRows(rows.size());
        List<BatchResult.RowResult> results = new ArrayList<>();
        for (CsvReports.Row row : rows) {
            results.add(submit(row.line(), row.report()));
        }
        return BatchResult.of(results);
    }

    private BatchResult.RowResult submit(int row, JsonNode node) {
        // The row's item as given, so that a table of the results can name it even when the row is refused.
        String item = node != null && node.path("itemCode").isTextual()
                ? node.get("itemCode").asText()
                : null;
        try {
            if (node instanceof ObjectNode object && object.has("extraCells")) {
                throw ProblemException.badRequest("row", "has more cells than the header has columns");
            }
            if (node instanceof ObjectNode object && object.has("oversizedCell")) {
                throw ProblemException.badRequest(
                        object.get("oversizedCell").asText(), "is longer than " + CsvReports.MAX_CELL + " characters");
            }
            ReportRequest request = mapper.treeToValue(node, ReportRequest.class);
            if (request == null) {
                throw ProblemException.badRequest("row", "must be a report object");
            }
            validate(request);
            ReportService.Submission submission =
                    service.submit(request, caller.reporterProvince(), caller.actor(), null);
            BatchResult.Outcome outcome = submission.outcome() == ReportService.Outcome.DUPLICATE
                    ? BatchResult.Outcome.DUPLICATE
                    : BatchResult.Outcome.CREATED;
            return new BatchResult.RowResult(row, item, outcome, submission.report().id, null);
        } catch (ProblemException e) {
            BatchResult.Outcome outcome =
                    e.problem().status() == 503 ? BatchResult.Outcome.UNAVAILABLE : BatchResult.Outcome.INVALID;
            return new BatchResult.RowResult(row, item, outcome, null, e.problem());
        } catch (DomainException e) {
            return new BatchResult.RowResult(
                    row, item, BatchResult.Outcome.INVALID, null, ProblemMappers.domainProblem(e));
        } catch (JsonMappingException e) {
            return new BatchResult.RowResult(
                    row, item, BatchResult.Outcome.INVALID, null, ProblemMappers.unreadable(e, "row"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new BatchResult.RowResult(
                    row,
                    item,
                    BatchResult.Outcome.INVALID,
                    null,
                    Problem.of(400, "Bad Request", "row: " + e.getOriginalMessage(), List.of()));
        }
    }

    private void validate(ReportRequest request) {
        Set<ConstraintViolation<ReportRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(ProblemMappers.fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            throw new ProblemException(Problem.invalid(errors));
        }
    }

    private static void requireAtMostMaxRows(int rows) {
        if (rows > MAX_ROWS) {
            throw ProblemException.badRequest("body", "holds " + rows + " reports; a batch takes at most " + MAX_ROWS);
        }
        if (rows == 0) {
            throw ProblemException.badRequest("body", "holds no report");
        }
    }
}
