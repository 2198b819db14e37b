package org.prioritytracker.progress.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.prioritytracker.identity.ProvinceRule;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.report.BureauApprovalRecord;
import org.prioritytracker.progress.report.BureauDecision;
import org.prioritytracker.progress.report.Report;
import org.prioritytracker.progress.report.ReportEvents;
import org.prioritytracker.progress.report.ReportVersion;
import org.prioritytracker.progress.report.ReviewState;
import org.prioritytracker.time.PlanCalendar;

/**
 * The bureau approver's decision on a submitted report of its own province, recorded on the report, on
 * its version (the history) and as an event, in one transaction.
 */
@ApplicationScoped
public class ApprovalService {

    private final OutboxWriter outbox;
    private final Clock clock;

    public ApprovalService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Report decide(UUID id, ApprovalRequest request, String ifMatch, String province, String approver) {
        String comment = request.comment() == null || request.comment().isBlank()
                ? null
                : request.comment().strip();
        if (request.decision() == BureauDecision.RETURNED && comment == null) {
            throw ProblemException.badRequest(
                    "comment", "is required when returning a report: tell the officer what to fix");
        }
        Report report = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (report == null) {
            throw ProblemException.notFound("No report has the id " + id + ".");
        }
        // Province before version: another bureau's approver learns nothing about the report.
        ProvinceRule.requireOwnResource(province, report.provinceCode, "report");
        // The approver judges the version they read; an amendment since then makes the decision stale.
        Preconditions.requireCurrent(ifMatch, report.version, "report");
        if (report.reviewState != ReviewState.SUBMITTED) {
            throw new DomainException.WorkflowViolation("The report is " + report.reviewState
                    + ", not awaiting the bureau's approval; only a SUBMITTED report can be approved or returned.");
        }
        report.reviewState =
                request.decision() == BureauDecision.APPROVED ? ReviewState.APPROVED : ReviewState.RETURNED;
        report.bureauApproval =
                new BureauApprovalRecord(request.decision(), approver, PlanCalendar.now(clock), comment);
        ReportVersion.current(report).bureauApproval = report.bureauApproval;
        outbox.writeInCommitOrder(
                report.itemCode,
                List.of(new OutboxWriter.Draft(
                        ReportEvents.APPROVED,
                        ReportEvents.Approved.of(report),
                        ReportEvents.scope(report.provinceCode))));
        return report;
    }
}
