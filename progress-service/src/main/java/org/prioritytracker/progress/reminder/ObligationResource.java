package org.prioritytracker.progress.reminder;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.CalendarTerms;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.calendar.PlanYears;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.progress.timeliness.Obligations;
import org.prioritytracker.time.PlanCalendar;

@Path("/api/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reminders", description = """
        The reports bureaus still owe: those of periods whose reminder day has come, not yet reported. The reminder \
        check publishes tracker.report.due and tracker.report.late for them, once each.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed({
    Roles.MINISTRY_ADMIN,
    Roles.MINISTRY_REVIEWER,
    Roles.PROVINCIAL_REPORTER,
    Roles.PROVINCIAL_APPROVER,
    Roles.VIEWER
})
public class ObligationResource {

    private final Obligations obligations;
    private final CalendarService calendars;
    private final Bureaus bureaus;
    private final Caller caller;
    private final Clock clock;

    public ObligationResource(
            Obligations obligations, CalendarService calendars, Bureaus bureaus, Caller caller, Clock clock) {
        this.obligations = obligations;
        this.calendars = calendars;
        this.bureaus = bureaus;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(
            operationId = "listOpenObligations",
            summary = "A bureau's open obligations in a plan, late ones first (a reporter: its own)")
    @APIResponse(
            responseCode = "200",
            description = "The open obligations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = OpenObligation.class)))
    @APIResponse(
            responseCode = "400",
            description = "plan or province is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A reporter asked for another province")
    @APIResponse(responseCode = "404", description = "No plan has this year")
    public List<OpenObligation> open(
            @Parameter(
                            description = "The plan's year",
                            required = true,
                            schema = @Schema(type = SchemaType.INTEGER, examples = "2025"))
                    @QueryParam("plan")
                    String plan,
            @Parameter(
                            description =
                                    "The bureau; a reporter's own when absent, every bureau's for the ministry and viewers",
                            example = "130000")
                    @QueryParam("province")
                    String province) {
        int planYear = PlanYears.parse("plan", plan);
        String bureau = bureau(province);
        List<PriorityInfo> priorities = obligations.plan(planYear);
        CalendarTerms terms = calendars.terms(planYear);
        LocalDate today = PlanCalendar.today(clock);
        List<Period> periods = terms.periods().stream()
                .filter(period -> !today.isBefore(terms.reminderDay(period)))
                .toList();
        List<OpenObligation> open = new ArrayList<>();
        obligations.forEach(priorities, terms, periods, bureau, owed -> {
            if (!owed.reported()) {
                open.add(new OpenObligation(
                        owed.provinceCode(),
                        owed.item().code(),
                        owed.item().titleZh(),
                        owed.item().titleEn(),
                        owed.period().text(),
                        owed.deadline(),
                        owed.deadline().isBefore(today)));
            }
        });
        open.sort(Comparator.comparing(OpenObligation::deadline).thenComparing(OpenObligation::provinceCode));
        return open;
    }

    private String bureau(String province) {
        String asked = province == null || province.isBlank() ? null : province.strip();
        if (asked != null && !bureaus.exists(asked)) {
            throw ProblemException.badRequest(
                    "province", "'" + asked + "' is not one of the " + bureaus.count() + " reporting bureaus");
        }
        return caller.actFor(asked, "see %s's obligations", "province");
    }
}
