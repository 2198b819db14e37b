package org.prioritytracker.progress.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.prioritytracker.outbox.OutboxWriter;

/** The {@code data} of the events progress-service publishes (see asyncapi.yaml). */
public final class ReportEvents {

    public static final String SUBMITTED = "tracker.report.submitted";
    public static final String REVIEWED = "tracker.report.reviewed";
    public static final String APPROVED = "tracker.report.approved";
    public static final String PROVINCE_PROGRESS_CHANGED = "tracker.province-progress.changed";

    /** The CloudEvents extension that names the province a report event belongs to (who may see it). */
    public static final String PROVINCE_EXTENSION = "province";

    private ReportEvents() {}

    /**
     * A submission's events: it was submitted, and, when it became the province's latest standing on
     * the item with another status than before, the province's progress changed.
     */
    static List<OutboxWriter.Draft> ofSubmission(Report report, LatestReports.Change change) {
        List<OutboxWriter.Draft> events = new ArrayList<>(2);
        events.add(new OutboxWriter.Draft(SUBMITTED, Submitted.of(report), scope(report.provinceCode)));
        if (change.becameLatest() && !report.status.name().equals(change.previousStatus())) {
            events.add(new OutboxWriter.Draft(
                    PROVINCE_PROGRESS_CHANGED,
                    new ProvinceProgressChanged(
                            report.itemCode,
                            report.provinceCode,
                            report.period,
                            report.percentComplete,
                            report.status,
                            change.previousStatus() == null ? null : ReportStatus.valueOf(change.previousStatus()),
                            report.id),
                    scope(report.provinceCode)));
        }
        return events;
    }

    /** The extension attributes of an event about a province's report. */
    public static Map<String, String> scope(String provinceCode) {
        return Map.of(PROVINCE_EXTENSION, provinceCode);
    }

    public record Submitted(
            UUID reportId,
            String itemCode,
            String provinceCode,
            String period,
            BigDecimal percentComplete,
            ReportStatus status,
            ReviewState reviewState,
            int version,
            String submittedBy,
            OffsetDateTime submittedAt) {

        static Submitted of(Report report) {
            return new Submitted(
                    report.id,
                    report.itemCode,
                    report.provinceCode,
                    report.period,
                    report.percentComplete,
                    report.status,
                    report.reviewState,
                    report.version,
                    report.submittedBy,
                    report.submittedAt);
        }
    }

    public record Reviewed(
            UUID reportId,
            String itemCode,
            String provinceCode,
            String period,
            BigDecimal percentComplete,
            ReportStatus status,
            ReviewState reviewState,
            int version,
            String reviewedBy,
            String comment) {

        public static Reviewed of(Report report) {
            return new Reviewed(
                    report.id,
                    report.itemCode,
                    report.provinceCode,
                    report.period,
                    report.percentComplete,
                    report.status,
                    report.reviewState,
                    report.version,
                    report.reviewedBy,
                    report.reviewComment);
        }
    }

    /** The bureau approver's decision: APPROVED (on to the ministry) or RETURNED (to the officer, with a comment). */
    public record Approved(
            UUID reportId,
            String itemCode,
            String provinceCode,
            String period,
            BigDecimal percentComplete,
            ReportStatus status,
            BureauDecision decision,
            ReviewState reviewState,
            int version,
            String decidedBy,
            OffsetDateTime decidedAt,
            String comment) {

        public static Approved of(Report report) {
            BureauApprovalRecord approval = report.bureauApproval;
            return new Approved(
                    report.id,
                    report.itemCode,
                    report.provinceCode,
                    report.period,
                    report.percentComplete,
                    report.status,
                    approval.decision(),
                    report.reviewState,
                    report.version,
                    approval.decidedBy(),
                    approval.decidedAt(),
                    approval.comment());
        }
    }

    public record ProvinceProgressChanged(
            String itemCode,
            String provinceCode,
            String period,
            BigDecimal percentComplete,
            ReportStatus status,
            ReportStatus previousStatus,
            UUID reportId) {}
}
