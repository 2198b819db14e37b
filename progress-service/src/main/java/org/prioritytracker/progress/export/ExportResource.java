package org.prioritytracker.progress.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.progress.calendar.PlanYears;

@Path("/api/exports")
@Tag(name = "Exports", description = """
        A plan's reports and its completeness and timeliness table as Excel workbooks (Apache POI, frozen Chinese \
        heading row) or as CSV in UTF-8 with a byte-order mark for Excel; streamed. A reporter exports its own \
        province's rows only.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER
})
public class ExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";
    private static final String PLAN_DOC = "The plan's year, such as 2025";
    private static final String PERIOD_DOC = "One period of the plan, such as 2025-Q2; all when absent";

    private final ReportExport reports;
    private final TimelinessExport timeliness;
    private final Caller caller;

    public ExportResource(ReportExport reports, TimelinessExport timeliness, Caller caller) {
        this.reports = reports;
        this.timeliness = timeliness;
        this.caller = caller;
    }

    @GET
    @Path("/reports.{format: xlsx|csv}")
    @Produces({XLSX, CSV})
    @Operation(
            operationId = "exportReports",
            summary = "The plan's reports (of one period, a quarter with its months) with narratives and metrics",
            description =
                    "reports.xlsx is an Excel workbook; reports.csv the same columns as CSV (UTF-8 with a byte-order mark).")
    @APIResponse(
            responseCode = "200",
            description = "The file",
            content = {
                @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "plan or period is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public Response reports(
            @Parameter(description = "xlsx or csv") @PathParam("format") String format,
            @Parameter(description = PLAN_DOC, required = true, schema = @Schema(type = SchemaType.INTEGER))
                    @QueryParam("plan")
                    String plan,
            @Parameter(description = PERIOD_DOC) @QueryParam("period") String period) {
        int year = PlanYears.parse("plan", plan);
        return download(
                reports.table(year, blankToNull(period), caller.confinedProvince()), "reports", year, period, format);
    }

    @GET
    @Path("/timeliness.{format: xlsx|csv}")
    @Produces({XLSX, CSV})
    @Operation(
            operationId = "exportTimeliness",
            summary = "The completeness and timeliness table of the plan (every due period, or one)",
            description =
                    "timeliness.xlsx is an Excel workbook; timeliness.csv the same columns as CSV (UTF-8 with a byte-order mark).")
    @APIResponse(
            responseCode = "200",
            description = "The file",
            content = {
                @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "plan or period is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public Response timeliness(
            @Parameter(description = "xlsx or csv") @PathParam("format") String format,
            @Parameter(description = PLAN_DOC, required = true, schema = @Schema(type = SchemaType.INTEGER))
                    @QueryParam("plan")
                    String plan,
            @Parameter(description = PERIOD_DOC) @QueryParam("period") String period) {
        int year = PlanYears.parse("plan", plan);
        return download(
                timeliness.table(year, blankToNull(period), caller.confinedProvince()),
                "timeliness",
                year,
                period,
                format);
    }

    /** The table as a file of the format the path names, written while it is sent. */
    private static Response download(Table table, String what, int year, String period, String format) {
        boolean csv = format.equals("csv");
        String file = what + "-" + (period == null || period.isBlank() ? year : period.strip()) + "." + format;
        StreamingOutput body = out -> {
            if (csv) {
                CsvWriter.write(table, out);
            } else {
                XlsxWriter.write(table, out);
            }
        };
        return Response.ok(body, csv ? CSV : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
