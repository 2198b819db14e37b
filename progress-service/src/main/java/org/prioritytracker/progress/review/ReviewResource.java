package org.prioritytracker.progress.review;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.progress.outbox.OutboxWriter;
import org.prioritytracker.progress.problem.Problem;
import org.prioritytracker.progress.problem.ProblemException;
import org.prioritytracker.progress.report.Report;
import org.prioritytracker.progress.report.ReportEvents;
import org.prioritytracker.progress.report.ReportView;
import org.prioritytracker.progress.report.ReviewState;
import org.prioritytracker.progress.report.Sequences;
import org.prioritytracker.progress.security.Caller;
import org.prioritytracker.progress.security.Roles;

@Path("/api/reports/{id}/review")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review", description = "The ministry's review of submitted reports")
@SecurityRequirement(name = "jwt")
public class ReviewResource {

    private final OutboxWriter outbox;
    private final Sequences sequences;
    private final Caller caller;

    public ReviewResource(OutboxWriter outbox, Sequences sequences, Caller caller) {
        this.outbox = outbox;
        this.sequences = sequences;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MINISTRY_REVIEWER)
    @Operation(summary = "Accept a submitted report (it is then locked) or return it to the province for amendment")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "accept", value = "{\"decision\": \"ACCEPTED\"}"),
            @ExampleObject(name = "return", value = "{\"decision\": \"RETURNED\", \"comment\": \"请补充断面监测数据。\"}")}))
    @APIResponse(responseCode = "200", description = "The reviewed report", content = @Content(schema = @Schema(implementation = ReportView.class)))
    @APIResponse(responseCode = "400", description = "No decision, or RETURNED without a comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such report")
    @APIResponse(responseCode = "409", description = "The report is not awaiting review (already ACCEPTED or RETURNED)")
    public Response review(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") ReviewRequest request) {
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (request.decision() == ReviewRequest.Decision.RETURNED && comment == null) {
            throw ProblemException.badRequest("comment", "is required when returning a report: say what to fix");
        }
        Report report = QuarkusTransaction.requiringNew().call(() -> {
            Report current = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (current == null) {
                throw ProblemException.notFound("No report has the id " + id + ".");
            }
            if (current.reviewState != ReviewState.SUBMITTED) {
                throw new ProblemException(Problem.of(409, "Conflict",
                        "The report is " + current.reviewState + ", not awaiting review; the province must amend it first.",
                        List.of()));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            current.reviewState = ReviewState.valueOf(request.decision().name());
            current.reviewedBy = caller.name();
            current.reviewedAt = now;
            current.reviewComment = comment;
            outbox.write(ReportEvents.REVIEWED, current.itemCode, sequences.next(current.itemCode), now,
                    ReportEvents.Reviewed.of(current));
            return current;
        });
        return Response.ok(ReportView.of(report)).header(HttpHeaders.ETAG, report.etag()).build();
    }
}
