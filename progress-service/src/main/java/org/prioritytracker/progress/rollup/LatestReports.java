package org.prioritytracker.progress.rollup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code latest_report} current: each province's latest report per item (latest period; for
 * the same period end, the latest submission). Rollups read it instead of scanning the reports.
 */
@ApplicationScoped
public class LatestReports {

    /** What a submission did to the province's standing on the item. */
    public record Change(boolean becameLatest, String previousStatus) {
    }

    private final EntityManager entityManager;

    public LatestReports(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Change record(UUID reportId, String itemCode, String provinceCode, String period, LocalDate periodEnd,
            BigDecimal percent, String status, OffsetDateTime submittedAt) {
        @SuppressWarnings("unchecked")
        List<Object[]> current = entityManager.createNativeQuery("""
                SELECT status, period_end, report_id FROM latest_report
                WHERE item_code = ?1 AND province_code = ?2 FOR UPDATE""")
                .setParameter(1, itemCode).setParameter(2, provinceCode).getResultList();
        String previousStatus = current.isEmpty() ? null : (String) current.get(0)[0];
        if (!current.isEmpty()) {
            Object end = current.get(0)[1];
            LocalDate latestEnd = end instanceof LocalDate date ? date : ((java.sql.Date) end).toLocalDate();
            boolean sameReport = reportId.equals(current.get(0)[2]);
            if (!sameReport && periodEnd.isBefore(latestEnd)) {
                return new Change(false, previousStatus);
            }
        }
        entityManager.createNativeQuery("""
                INSERT INTO latest_report (item_code, province_code, report_id, period, period_end, percent_complete, status, submitted_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (item_code, province_code) DO UPDATE SET report_id = EXCLUDED.report_id, period = EXCLUDED.period,
                    period_end = EXCLUDED.period_end, percent_complete = EXCLUDED.percent_complete, status = EXCLUDED.status,
                    submitted_at = EXCLUDED.submitted_at""")
                .setParameter(1, itemCode).setParameter(2, provinceCode).setParameter(3, reportId).setParameter(4, period)
                .setParameter(5, periodEnd).setParameter(6, percent).setParameter(7, status).setParameter(8, submittedAt)
                .executeUpdate();
        return new Change(true, previousStatus);
    }
}
