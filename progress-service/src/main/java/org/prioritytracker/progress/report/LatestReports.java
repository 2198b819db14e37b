package org.prioritytracker.progress.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Keeps {@code latest_report} current: each province's latest report per item (latest period; for
 * the same period end, the latest submission). Rollups read it instead of scanning the reports.
 */
@ApplicationScoped
public class LatestReports {

    /**
     * The rule, for an {@code INSERT INTO latest_report AS l}: the report becomes the province's
     * standing on the item unless that standing is a report of a later period. A submission's own
     * statement (ReportService) and {@link #record} both end with it.
     */
    public static final String BECOMES_LATEST_UNLESS_LATER = """
            ON CONFLICT (item_code, province_code) DO UPDATE SET report_id = EXCLUDED.report_id, period = EXCLUDED.period,
                period_end = EXCLUDED.period_end, percent_complete = EXCLUDED.percent_complete, status = EXCLUDED.status,
                submitted_at = EXCLUDED.submitted_at
            WHERE l.period_end <= EXCLUDED.period_end
            """;

    private static final String RECORD = """
            WITH previous AS (
                SELECT status FROM latest_report WHERE item_code = ?1 AND province_code = ?2 FOR UPDATE),
            latest AS (
                INSERT INTO latest_report AS l (item_code, province_code, report_id, period, period_end, percent_complete, status, submitted_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """ + BECOMES_LATEST_UNLESS_LATER + """
                RETURNING 1)
            SELECT (SELECT status FROM previous), EXISTS (SELECT 1 FROM latest)""";

    /** What a submission did to the province's standing on the item. */
    public record Change(boolean becameLatest, String previousStatus) {}

    private final EntityManager entityManager;

    public LatestReports(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change record(
            UUID reportId,
            String itemCode,
            String provinceCode,
            String period,
            LocalDate periodEnd,
            BigDecimal percent,
            String status,
            OffsetDateTime submittedAt) {
        Object[] outcome = (Object[]) entityManager
                .createNativeQuery(RECORD)
                .setParameter(1, itemCode)
                .setParameter(2, provinceCode)
                .setParameter(3, reportId)
                .setParameter(4, period)
                .setParameter(5, periodEnd)
                .setParameter(6, percent)
                .setParameter(7, status)
                .setParameter(8, submittedAt)
                .getSingleResult();
        return new Change((Boolean) outcome[1], (String) outcome[0]);
    }
}
