package org.prioritytracker.progress.draft;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.progress.report.Metric;
import org.prioritytracker.progress.report.ReportStatus;

/** An officer's unfinished report on a sub-item for a period; private to its owner. */
@Entity
@Table(name = "report_drafts")
public class ReportDraft extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The officer: the token's principal name, as a report's submittedBy. */
    public String owner;

    @Column(name = "province_code")
    public String provinceCode;

    @Column(name = "item_code")
    public String itemCode;

    public String period;

    /** The report an amendment draft amends; null for a new report. */
    @Column(name = "report_id")
    public UUID reportId;

    @Column(name = "idempotency_key")
    public UUID idempotencyKey;

    @Column(name = "percent_complete")
    public BigDecimal percentComplete;

    @Enumerated(EnumType.STRING)
    public ReportStatus status;

    public String narrative;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Metric> metrics;

    public int version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public String etag() {
        return Preconditions.etag(version);
    }
}
