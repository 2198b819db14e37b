package org.prioritytracker.progress.report;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.prioritytracker.problem.Preconditions;

/** A province's progress report on a sub-item for one period. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "item_code")
    public String itemCode;

    @Column(name = "province_code")
    public String provinceCode;

    public String period;

    @Column(name = "period_end")
    public LocalDate periodEnd;

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

    /** When the first version was submitted: timeliness is judged by it. */
    @Column(name = "first_submitted_at")
    public OffsetDateTime firstSubmittedAt;

    public int version;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_state")
    public ReviewState reviewState;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "review_comment")
    public String reviewComment;

    /** The bureau approver's decision on the current version; null until one is made. */
    @Embedded
    public BureauApprovalRecord bureauApproval;

    public String etag() {
        return Preconditions.etag(version);
    }
}
