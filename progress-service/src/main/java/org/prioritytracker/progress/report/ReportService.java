package org.prioritytracker.progress.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.rollup.LatestReports;
import org.prioritytracker.time.PlanCalendar;

/**
 * Submitting and amending reports. Everything a submission writes (the report, its first version,
 * the province's latest standing, the Idempotency-Key and the events) commits together or not at all.
 */
@ApplicationScoped
public class ReportService {

    /** How a submission ended: a new report, the replay of an earlier request, or a report that already exists. */
    public enum Outcome { CREATED, REPLAYED, DUPLICATE }

    public record Submission(Outcome outcome, Report report) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final LatestReports latest;
    private final Sequences sequences;
    private final OutboxWriter outbox;
    private final Clock clock;

    public ReportService(EntityManager entityManager, ObjectMapper mapper, ItemCatalog catalog, Bureaus bureaus,
            LatestReports latest, Sequences sequences, OutboxWriter outbox, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.latest = latest;
        this.sequences = sequences;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Validates and stores a new report for the caller's province. With an Idempotency-Key, a repeat
     * of the same request returns the same report and a different request under the key is a 422.
     */
    public Submission submit(ReportRequest request, String province, String actor, String idempotencyKey) {
        if (request.provinceCode() != null && !request.provinceCode().equals(province)) {
            throw new DomainException.ForeignProvince(
                    "Your token reports for " + province + "; it cannot submit for " + request.provinceCode() + ".",
                    "provinceCode", "must be your own province, " + province);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = ReportRules.check(request, province, bureaus.exists(province), PlanCalendar.today(clock), errors);
        if (request.itemCode() != null && !request.itemCode().isBlank()) {
            String itemCode = request.itemCode().strip();
            ReportRules.checkItem(itemCode, period, catalog.item(itemCode), errors);
        }
        ReportRules.throwIfAny(errors);
        String requestHash = idempotencyKey == null ? null : hash(request, province);
        try {
            return QuarkusTransaction.requiringNew().call(() -> store(request, province, period, actor, idempotencyKey, requestHash));
        } catch (ExistingReport existing) {
            // Rolled back, Idempotency-Key claim included: a retry with the key meets the same 409.
            return new Submission(Outcome.DUPLICATE, Report.findById(existing.id));
        }
    }

    /** Ends a submission's transaction when the province already reported on the item for the period. */
    private static final class ExistingReport extends RuntimeException {
        private final UUID id;

        ExistingReport(UUID id) {
            super(null, null, false, false);
            this.id = id;
        }
    }

    private Submission store(ReportRequest request, String province, Period period, String actor, String key, String requestHash) {
        if (key != null) {
            int claimed = entityManager.createNativeQuery("""
                    INSERT INTO idempotency_key (province_code, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (province_code, key) DO NOTHING""")
                    .setParameter(1, province).setParameter(2, key).setParameter(3, requestHash)
                    .setParameter(4, PlanCalendar.now(clock)).executeUpdate();
            if (claimed == 0) {
                // Another request used the key first; a concurrent one waited for it to commit above.
                Object[] earlier = (Object[]) entityManager.createNativeQuery(
                        "SELECT request_hash, report_id FROM idempotency_key WHERE province_code = ?1 AND key = ?2")
                        .setParameter(1, province).setParameter(2, key).getSingleResult();
                if (!requestHash.equals(earlier[0])) {
                    throw new ProblemException(Problem.of(422, "Unprocessable Content",
                            "This Idempotency-Key was used for a different request. Use a new key for a new report.",
                            List.of(new Problem.FieldError("Idempotency-Key", "was used with a different body"))));
                }
                return new Submission(Outcome.REPLAYED, Report.findById(earlier[1]));
            }
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = PlanCalendar.now(clock);
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO report (id, item_code, province_code, period, period_end, percent_complete, status, narrative,
                                    metrics, submitted_by, submitted_at, version, review_state)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10, ?11, 1, 'SUBMITTED')
                ON CONFLICT ON CONSTRAINT report_one_per_period DO NOTHING""")
                .setParameter(1, id).setParameter(2, request.itemCode().strip()).setParameter(3, province)
                .setParameter(4, period.text()).setParameter(5, period.end()).setParameter(6, percent(request.percentComplete()))
                .setParameter(7, request.status().name()).setParameter(8, request.narrative())
                .setParameter(9, json(request.metricsOrEmpty())).setParameter(10, actor).setParameter(11, now)
                .executeUpdate();
        if (inserted == 0) {
            Report existing = Report.find("provinceCode = ?1 and itemCode = ?2 and period = ?3",
                    province, request.itemCode().strip(), period.text()).firstResult();
            throw new ExistingReport(existing.id);
        }
        Report report = Report.findById(id);
        ReportVersion.of(report).persist();
        if (key != null) {
            entityManager.createNativeQuery("UPDATE idempotency_key SET report_id = ?1 WHERE province_code = ?2 AND key = ?3")
                    .setParameter(1, id).setParameter(2, province).setParameter(3, key).executeUpdate();
        }
        publishSubmission(report);
        return new Submission(Outcome.CREATED, report);
    }

    /** An amendment by the report's own province while it is SUBMITTED or RETURNED. */
    public Report amend(UUID id, ReportRequest request, String ifMatch, String province, String actor) {
        Report current = find(id);
        requireOwnProvince(current, province);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!current.itemCode.equals(request.itemCode())) {
            errors.add(new Problem.FieldError("itemCode", "cannot change in an amendment; it is " + current.itemCode));
        }
        if (request.provinceCode() != null && !request.provinceCode().equals(current.provinceCode)) {
            errors.add(new Problem.FieldError("provinceCode", "cannot change in an amendment; it is " + current.provinceCode));
        }
        if (!current.period.equals(request.period())) {
            errors.add(new Problem.FieldError("period", "cannot change in an amendment; it is " + current.period));
        }
        ReportRules.check(request, province, bureaus.exists(province), PlanCalendar.today(clock), errors);
        ReportRules.throwIfAny(errors);
        return QuarkusTransaction.requiringNew().call(() -> {
            Report report = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
            Preconditions.requireCurrent(ifMatch, report.version, "report");
            if (report.reviewState == ReviewState.ACCEPTED) {
                throw new DomainException.WorkflowViolation(
                        "The report was accepted by the ministry and is locked; it can no longer be amended.");
            }
            OffsetDateTime now = PlanCalendar.now(clock);
            report.percentComplete = percent(request.percentComplete());
            report.status = request.status();
            report.narrative = request.narrative();
            report.metrics = request.metricsOrEmpty();
            report.submittedBy = actor;
            report.submittedAt = now;
            report.version++;
            report.reviewState = ReviewState.SUBMITTED;
            report.reviewedBy = null;
            report.reviewedAt = null;
            report.reviewComment = null;
            ReportVersion.of(report).persist();
            publishSubmission(report);
            return report;
        });
    }

    public Report find(UUID id) {
        Report report = Report.findById(id);
        if (report == null) {
            throw ProblemException.notFound("No report has the id " + id + ".");
        }
        return report;
    }

    /** A reporter works only with its own province's reports. */
    public static void requireOwnProvince(Report report, String province) {
        if (province != null && !province.equals(report.provinceCode)) {
            throw new DomainException.ForeignProvince("This report belongs to another province; your token is for " + province + ".");
        }
    }

    private void publishSubmission(Report report) {
        outbox.write(ReportEvents.SUBMITTED, report.itemCode, sequences.next(report.itemCode),
                ReportEvents.Submitted.of(report), ReportEvents.scope(report.provinceCode));
        LatestReports.Change change = latest.record(report.id, report.itemCode, report.provinceCode, report.period,
                report.periodEnd, report.percentComplete, report.status.name(), report.submittedAt);
        if (change.becameLatest() && !report.status.name().equals(change.previousStatus())) {
            outbox.write(ReportEvents.PROVINCE_PROGRESS_CHANGED, report.itemCode, sequences.next(report.itemCode),
                    new ReportEvents.ProvinceProgressChanged(report.itemCode, report.provinceCode, report.period,
                            report.percentComplete, report.status,
                            change.previousStatus() == null ? null : ReportStatus.valueOf(change.previousStatus()), report.id),
                    ReportEvents.scope(report.provinceCode));
        }
    }

    private static BigDecimal percent(Double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as stored, hashed: the same body (after JSON parsing) gives the same hash. */
    private String hash(ReportRequest request, String province) {
        try {
            String canonical = json(Map.of("request", request, "province", province));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
