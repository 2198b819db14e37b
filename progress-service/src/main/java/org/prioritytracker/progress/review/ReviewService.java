package org.prioritytracker.progress.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.BureauApproval;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.report.Report;
import org.prioritytracker.progress.report.ReportEvents;
import org.prioritytracker.progress.report.ReviewState;
import org.prioritytracker.time.PlanCalendar;

/** The ministry's decision on a submitted report, recorded with its event in one transaction. */
@ApplicationScoped
public class ReviewService {

    private final OutboxWriter outbox;
    private final CalendarService calendars;
    private final Clock clock;

    public ReviewService(OutboxWriter outbox, CalendarService calendars, Clock clock) {
        this.outbox = outbox;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Transactional
    public Report review(UUID id, ReviewRequest request, String ifMatch, String reviewer) {
        String comment = request.comment() == null || request.comment().isBlank()
                ? null
                : request.comment().strip();
        if (request.decision() == ReviewRequest.Decision.RETURNED && comment == null) {
            throw ProblemException.badRequest("comment", "is required when returning a report: say what to fix");
        }
        Report report = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (report == null) {
            throw ProblemException.notFound("No report has the id " + id + ".");
        }
        // The reviewer judges the version they read; an amendment since then makes the decision stale.
        Preconditions.requireCurrent(ifMatch, report.version, "report");
        requireAwaitingMinistry(report);
        report.reviewState = ReviewState.valueOf(request.decision().name());
        report.reviewedBy = reviewer;
        report.reviewedAt = PlanCalendar.now(clock);
        report.reviewComment = comment;
        outbox.writeInCommitOrder(
                report.itemCode,
                List.of(new OutboxWriter.Draft(
                        ReportEvents.REVIEWED,
                        ReportEvents.Reviewed.of(report),
                        ReportEvents.scope(report.provinceCode))));
        return report;
    }

    /** APPROVED when the plan year requires the bureau's approval; SUBMITTED or APPROVED in a single-level year. */
    private void requireAwaitingMinistry(Report report) {
        int planYear = Period.parse(report.period).year();
        boolean bureauLevel = calendars.bureauApproval(planYear) == BureauApproval.REQUIRED;
        if (report.reviewState == ReviewState.APPROVED || report.reviewState == ReviewState.SUBMITTED && !bureauLevel) {
            return;
        }
        if (report.reviewState == ReviewState.SUBMITTED) {
            throw new DomainException.WorkflowViolation(
                    "The " + planYear
                            + " plan requires the bureau's approval first: the report is SUBMITTED, not yet APPROVED by its approver.");
        }
        throw new DomainException.WorkflowViolation(
                "The report is " + report.reviewState + ", not awaiting review; the province must amend it first.");
    }
}
