package org.prioritytracker.progress.report;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The {@code data} of the events progress-service publishes (see asyncapi.yaml). */
public final class ReportEvents {

    public static final String SUBMITTED = "tracker.report.submitted";
    public static final String REVIEWED = "tracker.report.reviewed";
    public static final String PROVINCE_PROGRESS_CHANGED = "tracker.province-progress.changed";

    /** The CloudEvents extension that names the province a report event belongs to (who may see it). */
    public static final String PROVINCE_EXTENSION = "province";

    private ReportEvents() {
    }

    /** The extension attributes of an event about a province's report. */
    public static Map<String, String> scope(String provinceCode) {
        return Map.of(PROVINCE_EXTENSION, provinceCode);
    }

    public record Submitted(UUID reportId, String itemCode, String provinceCode, String period, BigDecimal percentComplete,
            ReportStatus status, ReviewState reviewState, int version, String submittedBy, OffsetDateTime submittedAt) {

        static Submitted of(Report report) {
            return new Submitted(report.id, report.itemCode, report.provinceCode, report.period, report.percentComplete,
                    report.status, report.reviewState, report.version, report.submittedBy, report.submittedAt);
        }
    }

    public record Reviewed(UUID reportId, String itemCode, String provinceCode, String period, BigDecimal percentComplete,
            ReportStatus status, ReviewState reviewState, int version, String reviewedBy, String comment) {

        public static Reviewed of(Report report) {
            return new Reviewed(report.id, report.itemCode, report.provinceCode, report.period, report.percentComplete,
                    report.status, report.reviewState, report.version, report.reviewedBy, report.reviewComment);
        }
    }

    public record ProvinceProgressChanged(String itemCode, String provinceCode, String period, BigDecimal percentComplete,
            ReportStatus status, ReportStatus previousStatus, UUID reportId) {
    }
}
