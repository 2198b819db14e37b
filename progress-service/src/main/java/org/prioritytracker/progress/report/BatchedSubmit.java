package org.prioritytracker.progress.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.responsecache.ResponseCache;

/**
 * The statement that writes submissions: every report, its first version, its Idempotency-Key and the
 * province's latest standing, for one submission ({@link ReportService}) or several. Several are
 * stored in one transaction with all their events in a second statement: all of it commits, or, when
 * any submission meets an existing report or a used key, none of it.
 */
@ApplicationScoped
public class BatchedSubmit implements GroupCommit.BatchStore {

    /** A column of the statement's input rows: its name, its SQL type and where a submission's value comes from. */
    private record InputColumn(String name, String type, Function<PendingSubmission, Object> value) {}

    /**
     * The input rows' columns, each written once: the statement's column list, each row's casts and the
     * parameters bound for a submission all follow this list. A new column is one line here (and its use
     * in the statement below).
     */
    private static final List<InputColumn> INPUT = List.of(
            new InputColumn("id", "uuid", s -> s.report().id),
            new InputColumn("item_code", "text", s -> s.report().itemCode),
            new InputColumn("province_code", "text", s -> s.report().provinceCode),
            new InputColumn("period", "text", s -> s.report().period),
            new InputColumn("period_end", "date", s -> s.report().periodEnd),
            new InputColumn("percent_complete", "numeric", s -> s.report().percentComplete),
            new InputColumn("status", "text", s -> s.report().status.name()),
            new InputColumn("narrative", "text", s -> s.report().narrative),
            new InputColumn("metrics", "jsonb", PendingSubmission::metricsJson),
            new InputColumn("submitted_by", "text", s -> s.report().submittedBy),
            new InputColumn("submitted_at", "timestamptz", s -> s.report().submittedAt),
            new InputColumn("key", "text", PendingSubmission::idempotencyKey),
            new InputColumn("request_hash", "text", PendingSubmission::requestHash));

    /** Rows are written in the order of (province, item, period), so that concurrent batches lock rows in one order. */
    private static final Comparator<PendingSubmission> LOCK_ORDER = Comparator.comparing(
                    (PendingSubmission s) -> s.report().provinceCode)
            .thenComparing(s -> s.report().itemCode)
            .thenComparing(s -> s.report().period);

    private static final String STATEMENT = """
            WITH input (ord, %s) AS (
                VALUES %s),
            report_row AS (
                INSERT INTO report (id, item_code, province_code, period, period_end, percent_complete, status, narrative,
                                    metrics, submitted_by, submitted_at, first_submitted_at, version, review_state)
                SELECT id, item_code, province_code, period, period_end, percent_complete, status, narrative, metrics,
                       submitted_by, submitted_at, submitted_at, 1, 'SUBMITTED' FROM input ORDER BY ord
                ON CONFLICT ON CONSTRAINT report_one_per_period DO NOTHING
                RETURNING id),
            version_row AS (
                INSERT INTO report_version (report_id, version, percent_complete, status, narrative, metrics, submitted_by, submitted_at)
                SELECT i.id, 1, i.percent_complete, i.status, i.narrative, i.metrics, i.submitted_by, i.submitted_at
                FROM input i JOIN report_row r ON r.id = i.id ORDER BY i.ord),
            claim AS (
                INSERT INTO idempotency_key (province_code, key, request_hash, report_id, created_at)
                SELECT i.province_code, i.key, i.request_hash, r.id, i.submitted_at
                FROM input i LEFT JOIN report_row r ON r.id = i.id WHERE i.key IS NOT NULL ORDER BY i.ord
                ON CONFLICT (province_code, key) DO NOTHING
                RETURNING province_code, key),
            previous AS (
                SELECT l.item_code, l.province_code, l.status FROM latest_report l
                JOIN input i ON l.item_code = i.item_code AND l.province_code = i.province_code
                ORDER BY i.ord FOR UPDATE OF l),
            latest AS (
                INSERT INTO latest_report AS l (item_code, province_code, report_id, period, period_end, percent_complete, status, submitted_at)
                SELECT i.item_code, i.province_code, i.id, i.period, i.period_end, i.percent_complete, i.status, i.submitted_at
                FROM input i JOIN report_row r ON r.id = i.id ORDER BY i.ord
            """ + LatestReports.BECOMES_LATEST_UNLESS_LATER + """
                RETURNING l.item_code, l.province_code)
            SELECT r.id IS NOT NULL, i.key IS NULL OR c.key IS NOT NULL, p.status, t.item_code IS NOT NULL
            FROM input i
            LEFT JOIN report_row r ON r.id = i.id
            LEFT JOIN claim c ON c.province_code = i.province_code AND c.key = i.key
            LEFT JOIN previous p ON p.item_code = i.item_code AND p.province_code = i.province_code
            LEFT JOIN latest t ON t.item_code = i.item_code AND t.province_code = i.province_code
            ORDER BY i.ord""";

    /** Ends the batch's transaction when a submission cannot be stored with the others. */
    private static final class NotAlone extends RuntimeException {
        NotAlone() {
            super(null, null, false, false);
        }
    }

    private final Map<Integer, String> statements = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final ResponseCache rollups;
    private final OutboxWriter outbox;

    public BatchedSubmit(EntityManager entityManager, ResponseCache rollups, OutboxWriter outbox) {
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.outbox = outbox;
    }

    /**
     * Stores every submission and its events in one transaction and answers true; or, when one of them
     * meets an existing report or a used Idempotency-Key, stores nothing and answers false. Submissions
     * must not clash ({@link PendingSubmission#clashesWith}).
     */
    @Override
    public boolean store(List<PendingSubmission> batch) {
        List<PendingSubmission> ordered = batch.stream().sorted(LOCK_ORDER).toList();
        try {
            QuarkusTransaction.requiringNew().run(() -> storeAll(ordered));
            return true;
        } catch (NotAlone e) {
            return false;
        }
    }

    private void storeAll(List<PendingSubmission> ordered) {
        List<Written> written = write(ordered);
        List<OutboxWriter.SubjectEvents> events = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            if (!written.get(i).inserted() || !written.get(i).claimed()) {
                throw new NotAlone();
            }
            Report report = ordered.get(i).report();
            events.add(new OutboxWriter.SubjectEvents(
                    report.itemCode,
                    ReportEvents.ofSubmission(report, written.get(i).change())));
        }
        rollups.invalidateOnCommit();
        outbox.writeInCommitOrder(events);
    }

    /**
     * What the statement did for one submission: the report was inserted (or one existed), its key was
     * claimed (or had none; or an earlier request holds it), and the province's standing before and after.
     */
    record Written(boolean inserted, boolean claimed, String previousStatus, boolean becameLatest) {
        LatestReports.Change change() {
            return new LatestReports.Change(becameLatest, previousStatus);
        }
    }

    /** Runs the statement in the caller's transaction for submissions in lock order; one outcome each, in their order. */
    List<Written> write(List<PendingSubmission> ordered) {
        Query query = entityManager.createNativeQuery(statement(ordered.size()));
        int parameter = 1;
        for (PendingSubmission submission : ordered) {
            for (InputColumn column : INPUT) {
                query.setParameter(parameter++, column.value().apply(submission));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(row -> new Written((Boolean) row[0], (Boolean) row[1], (String) row[2], (Boolean) row[3]))
                .toList();
    }

    /**
     * The statement for n submissions; each row's values are cast, so that no row's nulls leave a column's
     * type open. The benchmark's floor (bench/sql/submission.sql) runs it for one, as written here.
     */
    String statement(int count) {
        return statements.computeIfAbsent(count, n -> {
            StringBuilder rows = new StringBuilder();
            for (int row = 0; row < n; row++) {
                rows.append(row == 0 ? "" : ",\n        ").append('(').append(row);
                for (int c = 0; c < INPUT.size(); c++) {
                    rows.append(", CAST(?")
                            .append(1 + INPUT.size() * row + c)
                            .append(" AS ")
                            .append(INPUT.get(c).type())
                            .append(')');
                }
                rows.append(')');
            }
            String columns =
                    String.join(", ", INPUT.stream().map(InputColumn::name).toList());
            return STATEMENT.formatted(columns, rows);
        });
    }
}
