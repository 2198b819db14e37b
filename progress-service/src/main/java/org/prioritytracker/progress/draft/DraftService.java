package org.prioritytracker.progress.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.report.Report;
import org.prioritytracker.progress.report.ReportRules;
import org.prioritytracker.time.PlanCalendar;

/**
 * Officers' drafts. A draft belongs to one officer (and the province of the token it was saved with)
 * and is found by item and period; nothing else reads it: it writes no event and is in no rollup,
 * timeliness count, obligation or export, which all read the report tables alone.
 */
@ApplicationScoped
public class DraftService {

    static final int MAX_LISTED = 500;
    /** One owner's draft of one report. */
    private static final String ONE = "owner = ?1 and provinceCode = ?2 and itemCode = ?3 and period = ?4";

    /** Whose drafts: the officer and the province of the token. */
    public record Owner(String name, String province) {}

    /** A saved draft and whether this save created it. */
    public record Saved(ReportDraft draft, boolean created) {}

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final Clock clock;

    public DraftService(
            EntityManager entityManager, ObjectMapper mapper, ItemCatalog catalog, Bureaus bureaus, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.clock = clock;
    }

    /**
     * Creates or replaces the owner's draft for the item and period. With If-Match, only the version
     * it names is replaced (412 otherwise, and when there is no draft); without, the last save wins.
     */
    public Saved save(Owner owner, String itemCode, String periodText, DraftRequest request, String ifMatch) {
        Period period = check(owner, itemCode, periodText, request);
        String metrics = json(request.metricsOrEmpty());
        return QuarkusTransaction.requiringNew().call(() -> {
            boolean mayCreate = ifMatch == null || ifMatch.isBlank();
            if (mayCreate && insert(owner, itemCode, period, request, metrics)) {
                return new Saved(find(owner, itemCode, period.text()), true);
            }
            ReportDraft draft = lock(owner, itemCode, period.text());
            if (draft == null) {
                // Only with If-Match: without it, the insert above made one or found one (ON CONFLICT).
                throw new DomainException.StaleVersion(
                        "You have no draft for " + itemCode + " in " + period.text()
                                + " any more. Save it without If-Match to create it.",
                        "If-Match",
                        "no draft exists");
            }
            if (!mayCreate && !Preconditions.matches(ifMatch, draft.version)) {
                throw new DomainException.StaleVersion(
                        "The draft was saved elsewhere since you read it: its ETag is now " + draft.etag()
                                + ". Read it again and retry.",
                        "If-Match",
                        "does not match the current ETag " + draft.etag());
            }
            draft.percentComplete =
                    request.percentComplete() == null ? null : ReportRules.percent(request.percentComplete());
            draft.status = request.status();
            draft.narrative = request.narrative();
            draft.metrics = request.metricsOrEmpty();
            draft.reportId = request.reportId();
            draft.version++;
            draft.updatedAt = PlanCalendar.now(clock);
            return new Saved(draft, false);
        });
    }

    /** The checks of a report's values, for those given, and of the item, period and amended report. */
    private Period check(Owner owner, String itemCode, String periodText, DraftRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!bureaus.exists(owner.province())) {
            errors.add(new Problem.FieldError(
                    "provinceCode", "'" + owner.province() + "' is not one of the 32 reporting bureaus"));
        }
        ReportRules.checkNumbers(request.percentComplete(), request.metricsOrEmpty(), errors);
        Period period = Period.parse(periodText);
        if (period == null) {
            errors.add(new Problem.FieldError("period", "must be a quarter (2025-Q2) or a month (2025-06)"));
        }
        ReportRules.checkItem(itemCode, period, catalog.item(itemCode), errors);
        if (request.reportId() != null && period != null) {
            Report report = Report.findById(request.reportId());
            if (report == null
                    || !report.provinceCode.equals(owner.province())
                    || !report.itemCode.equals(itemCode)
                    || !report.period.equals(period.text())) {
                errors.add(new Problem.FieldError(
                        "reportId",
                        "must be a report of your province (" + owner.province() + ") on " + itemCode + " for "
                                + period.text()));
            }
        }
        ReportRules.throwIfAny(errors);
        return period;
    }

    /**
     * A new draft at version 1, unless the owner has one for the item and period (then false). ON
     * CONFLICT: two first saves at once (two tabs) make one draft, and the second replaces it.
     */
    private boolean insert(Owner owner, String itemCode, Period period, DraftRequest request, String metrics) {
        OffsetDateTime now = PlanCalendar.now(clock);
        return entityManager
                        .createNativeQuery("""
                INSERT INTO report_drafts (id, owner, province_code, item_code, period, report_id, idempotency_key,
                    percent_complete, status, narrative, metrics, version, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CAST(?11 AS jsonb), 1, ?12, ?12)
                ON CONFLICT (owner, province_code, item_code, period) DO NOTHING""")
                        .setParameter(1, UUID.randomUUID())
                        .setParameter(2, owner.name())
                        .setParameter(3, owner.province())
                        .setParameter(4, itemCode)
                        .setParameter(5, period.text())
                        .setParameter(6, request.reportId())
                        .setParameter(7, UUID.randomUUID())
                        .setParameter(
                                8,
                                request.percentComplete() == null
                                        ? null
                                        : ReportRules.percent(request.percentComplete()))
                        .setParameter(
                                9,
                                request.status() == null
                                        ? null
                                        : request.status().name())
                        .setParameter(10, request.narrative())
                        .setParameter(11, metrics)
                        .setParameter(12, now)
                        .executeUpdate()
                == 1;
    }

    /** The owner's draft, or a 404. */
    public ReportDraft get(Owner owner, String itemCode, String period) {
        ReportDraft draft = find(owner, itemCode, period);
        if (draft == null) {
            throw notFound(itemCode, period);
        }
        return draft;
    }

    /** Deletes the owner's draft (after a submission, or when abandoned), or a 404. */
    public void delete(Owner owner, String itemCode, String period) {
        long deleted = QuarkusTransaction.requiringNew()
                .call(() -> ReportDraft.delete(ONE, owner.name(), owner.province(), itemCode, period));
        if (deleted == 0) {
            throw notFound(itemCode, period);
        }
    }

    /** The owner's drafts, newest first, of one plan year or of all. */
    public List<ReportDraft> list(Owner owner, Integer planYear) {
        String where = "owner = ?1 and provinceCode = ?2" + (planYear == null ? "" : " and period like ?3");
        Object[] parameters = planYear == null
                ? new Object[] {owner.name(), owner.province()}
                : new Object[] {owner.name(), owner.province(), planYear + "-%"};
        return ReportDraft.<ReportDraft>find(where + " order by updatedAt desc, id", parameters)
                .page(0, MAX_LISTED)
                .list();
    }

    private static ReportDraft find(Owner owner, String itemCode, String period) {
        return ReportDraft.find(ONE, owner.name(), owner.province(), itemCode, period)
                .firstResult();
    }

    private static ReportDraft lock(Owner owner, String itemCode, String period) {
        return ReportDraft.<ReportDraft>find(ONE, owner.name(), owner.province(), itemCode, period)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private static ProblemException notFound(String itemCode, String period) {
        return ProblemException.notFound("You have no draft for " + itemCode + " in " + period + ".");
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
