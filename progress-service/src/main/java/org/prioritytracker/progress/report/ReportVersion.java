package org.prioritytracker.progress.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One submitted version of a report, kept when it is amended. */
@Entity
@Table(name = "report_version")
@IdClass(ReportVersion.Key.class)
public class ReportVersion extends PanacheEntityBase {

    /** The composite key: report and version number. */
    public static class Key implements Serializable {
        public UUID reportId;
        public int version;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && key.version == version
                    && java.util.Objects.equals(key.reportId, reportId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(reportId, version);
        }
    }

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    @Id
    public int version;

    @Column(name = "percent_complete")
    public BigDecimal percentComplete;

    @Enumerated(EnumType.STRING)
    public ReportStatus status;

    public String narrative;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Metric> metrics;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    /** The bureau approver's decision on this version, kept as its history. */
    @Embedded
    public BureauApprovalRecord bureauApproval;

    static ReportVersion of(Report report) {
        ReportVersion snapshot = new ReportVersion();
        snapshot.reportId = report.id;
        snapshot.version = report.version;
        snapshot.percentComplete = report.percentComplete;
        snapshot.status = report.status;
        snapshot.narrative = report.narrative;
        snapshot.metrics = report.metrics;
        snapshot.submittedBy = report.submittedBy;
        snapshot.submittedAt = report.submittedAt;
        return snapshot;
    }

    /** The stored version the report is at now. */
    public static ReportVersion current(Report report) {
        Key key = new Key();
        key.reportId = report.id;
        key.version = report.version;
        return findById(key);
    }

    public static List<ReportVersion> of(UUID reportId) {
        return list("reportId = ?1 order by version", reportId);
    }
}
