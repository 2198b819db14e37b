package org.prioritytracker.progress.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.prioritytracker.identity.ProvinceRule;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.CalendarService;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.time.PlanCalendar;

/**
 * Submitting and amending reports. Everything a submission writes (the report, its first version,
 * the province's latest standing, the Idempotency-Key and the events) commits together or not at all.
 */
@ApplicationScoped
public class ReportService {

    /** How a submission ended: a new report, the replay of an earlier request, or a report that already exists. */
    public enum Outcome {
        CREATED,
        REPLAYED,
        DUPLICATE
    }

    public record Submission(Outcome outcome, Report report) {}

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final LatestReports latest;
    private final ResponseCache rollups;
    private final OutboxWriter outbox;
    private final CalendarService calendars;
    private final GroupCommit groupCommit;
    private final BatchedSubmit statement;
    private final Clock clock;

    public ReportService(
            EntityManager entityManager,
            ObjectMapper mapper,
            ItemCatalog catalog,
            Bureaus bureaus,
            LatestReports latest,
            ResponseCache rollups,
            OutboxWriter outbox,
            CalendarService calendars,
            GroupCommit groupCommit,
            BatchedSubmit statement,
            Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.latest = latest;
        this.rollups = rollups;
        this.outbox = outbox;
        this.calendars = calendars;
        this.groupCommit = groupCommit;
        this.statement = statement;
        this.clock = clock;
    }

    /**
     * Validates and stores a new report for the caller's province. With an Idempotency-Key, a repeat
     * of the same request returns the same report and a different request under the key is a 422.
     */
    public Submission submit(ReportRequest request, String province, String actor, String idempotencyKey) {
        ProvinceRule.requireOwn(province, request.provinceCode(), "submit for %s", "provinceCode");
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period =
                ReportRules.check(request, province, bureaus.exists(province), PlanCalendar.today(clock), errors);
        if (request.itemCode() != null && !request.itemCode().isBlank()) {
            String itemCode = request.itemCode().strip();
            ReportRules.checkItem(itemCode, period, catalog.item(itemCode), errors);
        }
        ReportRules.throwIfAny(errors);
        calendars.requireOpen(period, province);
        String requestHash = idempotencyKey == null ? null : hash(request, province);
        Report report = newReport(request, province, period, actor);
        return groupCommit.submit(
                new PendingSubmission(report, json(report.metrics), idempotencyKey, requestHash), this::storeAlone);
    }

    /** A submission in a transaction of its own. */
    private Submission storeAlone(PendingSubmission submission) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> store(submission));
        } catch (ExistingReport existing) {
            // Rolled back, Idempotency-Key claim included: a retry with the key meets the same 409.
            return new Submission(Outcome.DUPLICATE, Report.findById(existing.id));
        } catch (KeyUsedBefore used) {
            return replay(submission.report().provinceCode, submission.idempotencyKey(), submission.requestHash());
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

    /** Ends a submission's transaction when its Idempotency-Key was claimed by an earlier request. */
    private static final class KeyUsedBefore extends RuntimeException {
        KeyUsedBefore() {
            super(null, null, false, false);
        }
    }

    /**
     * A new report, its first version, the province's latest standing on the item and the
     * Idempotency-Key claim, in one statement; then its events, in a second. No row that every
     * province's reports share is written: the capture numbers the events in commit order.
     */
    private Submission store(PendingSubmission submission) {
        Report report = submission.report();
        BatchedSubmit.Written written = statement.write(List.of(submission)).get(0);
        if (!written.claimed()) {
            throw new KeyUsedBefore();
        }
        if (!written.inserted()) {
            Report existing = Report.find(
                            "provinceCode = ?1 and itemCode = ?2 and period = ?3",
                            report.provinceCode,
                            report.itemCode,
                            report.period)
                    .firstResult();
            throw new ExistingReport(existing.id);
        }
        publishSubmission(report, written.change());
        return new Submission(Outcome.CREATED, report);
    }

    /** The report made by the request that claimed the key first, or a 422 when that request was another. */
    private Submission replay(String province, String key, String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> earlier = entityManager
                .createNativeQuery(
                        "SELECT request_hash, report_id FROM idempotency_key WHERE province_code = ?1 AND key = ?2")
                .setParameter(1, province)
                .setParameter(2, key)
                .getResultList();
        if (earlier.isEmpty() || !requestHash.equals(earlier.get(0)[0])) {
            throw new ProblemException(Problem.of(
                    422,
                    "Unprocessable Content",
                    "This Idempotency-Key was used for a different request. Use a new key for a new report.",
                    List.of(new Problem.FieldError("Idempotency-Key", "was used with a different body"))));
        }
        return new Submission(Outcome.REPLAYED, Report.findById(earlier.get(0)[1]));
    }

    private Report newReport(ReportRequest request, String province, Period period, String actor) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.itemCode = request.itemCode().strip();
        report.provinceCode = province;
        report.period = period.text();
        report.periodEnd = period.end();
        report.percentComplete = ReportRules.percent(request.percentComplete());
        report.status = request.status();
        report.narrative = request.narrative();
        report.metrics = request.metricsOrEmpty();
        report.submittedBy = actor;
        report.submittedAt = PlanCalendar.now(clock);
        report.firstSubmittedAt = report.submittedAt;
        report.version = 1;
        report.reviewState = ReviewState.SUBMITTED;
        return report;
    }

    /** An amendment by the report's own province while it is SUBMITTED or RETURNED (by the bureau or the ministry). */
    public Report amend(UUID id, ReportRequest request, String ifMatch, String province, String actor) {
        Report current = find(id);
        ProvinceRule.requireOwnResource(province, current.provinceCode, "report");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!current.itemCode.equals(request.itemCode())) {
            errors.add(new Problem.FieldError("itemCode", "cannot change in an amendment; it is " + current.itemCode));
        }
        if (request.provinceCode() != null && !request.provinceCode().equals(current.provinceCode)) {
            errors.add(new Problem.FieldError(
                    "provinceCode", "cannot change in an amendment; it is " + current.provinceCode));
        }
        if (!current.period.equals(request.period())) {
            errors.add(new Problem.FieldError("period", "cannot change in an amendment; it is " + current.period));
        }
        ReportRules.check(request, province, bureaus.exists(province), PlanCalendar.today(clock), errors);
        ReportRules.throwIfAny(errors);
        calendars.requireOpen(Period.parse(current.period), current.provinceCode);
        return QuarkusTransaction.requiringNew().call(() -> {
            Report report = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
            Preconditions.requireCurrent(ifMatch, report.version, "report");
            if (report.reviewState == ReviewState.ACCEPTED) {
                throw new DomainException.WorkflowViolation(
                        "The report was accepted by the ministry and is locked; it can no longer be amended.");
            }
            if (report.reviewState == ReviewState.APPROVED) {
                throw new DomainException.WorkflowViolation(
                        "The bureau's approver approved the report and sent it to the ministry; only a return lets you amend it.");
            }
            OffsetDateTime now = PlanCalendar.now(clock);
            report.percentComplete = ReportRules.percent(request.percentComplete());
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
            report.bureauApproval = null;
            ReportVersion.of(report).persist();
            publishSubmission(
                    report,
                    latest.record(
                            report.id,
                            report.itemCode,
                            report.provinceCode,
                            report.period,
                            report.periodEnd,
                            report.percentComplete,
                            report.status.name(),
                            report.submittedAt));
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

    /**
     * The submission's events, numbered by the capture in the order their transactions commit; the
     * rollups this instance serves are recomputed once the submission commits.
     */
    private void publishSubmission(Report report, LatestReports.Change change) {
        rollups.invalidateOnCommit();
        outbox.writeInCommitOrder(report.itemCode, ReportEvents.ofSubmission(report, change));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as stored, hashed: the same body (after JSON parsing) gives the same hash. */
    /** What an Idempotency-Key's request is compared by: a record, whose fields serialise in one order on every instance. */
    private record KeyedRequest(String province, ReportRequest request) {}

    private String hash(ReportRequest request, String province) {
        try {
            // Not a Map.of: its iteration order differs between JVMs, so another instance would see another hash.
            String canonical = json(new KeyedRequest(province, request));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
