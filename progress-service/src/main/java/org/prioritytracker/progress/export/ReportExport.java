package org.prioritytracker.progress.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.time.PlanCalendar;
import org.prioritytracker.time.SqlTimes;

/**
 * A plan's reports as a table: one row per report (its latest version), with its narrative and one
 * column per metric that any of the rows reports ("指标：name (unit)"). Rows come from the database
 * as they are written.
 */
@ApplicationScoped
public class ReportExport {

    private static final DateTimeFormatter BEIJING_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(PlanCalendar.ZONE);
    private static final int FETCH_SIZE = 500;
    private static final String FILTER = """
            FROM report r WHERE r.item_code = ANY(CAST(?1 AS text[])) AND (CAST(?2 AS text[]) IS NULL OR r.period = ANY(CAST(?2 AS text[])))
              AND (CAST(?3 AS text) IS NULL OR r.province_code = CAST(?3 AS text))""";

    private record MetricColumn(String name, String unit) {
        String heading() {
            return "指标：" + name + (unit == null || unit.isBlank() ? "" : " (" + unit + ")");
        }
    }

    private final ItemCatalog catalog;
    private final Bureaus bureaus;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public ReportExport(ItemCatalog catalog, Bureaus bureaus, EntityManager entityManager, ObjectMapper mapper) {
        this.catalog = catalog;
        this.bureaus = bureaus;
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /**
     * @param period           a period of the plan (a quarter includes its months), or null for all
     * @param confinedProvince a reporter's province: its reports alone; null for every province's
     */
    public Table table(int planYear, String period, String confinedProvince) {
        List<PriorityInfo> plan = catalog.plan(planYear)
                .orElseThrow(() -> ProblemException.notFound("No plan has the year " + planYear + "."));
        Map<String, PriorityInfo.Item> items = new LinkedHashMap<>();
        plan.forEach(priority -> priority.items().forEach(item -> items.put(item.code(), item)));
        String[] periods = periods(planYear, period);
        String[] itemCodes = items.keySet().toArray(String[]::new);
        List<MetricColumn> metrics = metricColumns(itemCodes, periods, confinedProvince);

        List<String> headings = new ArrayList<>(List.of(
                "省份代码", "省份", "子项代码", "子项", "报告期", "完成百分比", "状态", "审核状态", "进展说明", "版本", "首次提交时间", "最近提交时间", "提交人",
                "审核人", "审核意见", "省级审批结果", "省级审批人", "省级审批时间", "省级审批意见"));
        metrics.forEach(metric -> headings.add(metric.heading()));
        return new Table(
                "进展报告 " + (period == null ? planYear : period),
                headings,
                row -> QuarkusTransaction.requiringNew().run(() -> {
                    Query query = entityManager
                            .createNativeQuery(
                                    """
                    SELECT r.province_code, r.item_code, r.period, r.percent_complete, r.status, r.review_state, r.narrative,
                           r.version, r.first_submitted_at, r.submitted_at, r.submitted_by, r.reviewed_by, r.review_comment,
                           CAST(r.metrics AS text), r.bureau_decision, r.bureau_decided_by, r.bureau_decided_at, r.bureau_comment
                    """ + FILTER + " ORDER BY r.period_end, r.period, r.province_code, r.item_code")
                            .setParameter(1, itemCodes)
                            .setParameter(2, periods)
                            .setParameter(3, confinedProvince)
                            .setHint("org.hibernate.fetchSize", FETCH_SIZE);
                    try (Stream<?> rows = query.getResultStream()) {
                        rows.forEach(result -> row.accept(cells((Object[]) result, items, metrics)));
                    }
                }));
    }

    private List<Object> cells(Object[] r, Map<String, PriorityInfo.Item> items, List<MetricColumn> metrics) {
        Bureaus.Bureau bureau = bureaus.get((String) r[0]);
        PriorityInfo.Item item = items.get((String) r[1]);
        List<Object> cells = new ArrayList<>(List.of(
                r[0],
                bureau == null ? "" : bureau.nameZh(),
                r[1],
                item == null ? "" : item.titleZh(),
                r[2],
                r[3],
                r[4],
                r[5]));
        cells.add(r[6]);
        cells.add(r[7]);
        cells.add(time(r[8]));
        cells.add(time(r[9]));
        cells.add(r[10]);
        cells.add(r[11]);
        cells.add(r[12]);
        // The bureau approver's decision on the current version (BureauApprovalRecord): empty until one is made.
        cells.add(r[14]);
        cells.add(r[15]);
        cells.add(time(r[16]));
        cells.add(r[17]);
        Map<MetricColumn, Object> values = metricValues((String) r[13]);
        metrics.forEach(metric -> cells.add(values.get(metric)));
        return cells;
    }

    private Map<MetricColumn, Object> metricValues(String json) {
        Map<MetricColumn, Object> values = new HashMap<>();
        try {
            for (JsonNode metric : mapper.readTree(json)) {
                JsonNode value = metric.path("value");
                values.put(
                        new MetricColumn(
                                metric.path("name").asText(),
                                metric.path("unit").isNull()
                                        ? null
                                        : metric.path("unit").asText(null)),
                        value.isNumber() ? value.numberValue() : value.asText(null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private List<MetricColumn> metricColumns(String[] itemCodes, String[] periods, String province) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) entityManager
                                .createNativeQuery(
                                        "SELECT DISTINCT m ->> 'name', m ->> 'unit' FROM (SELECT jsonb_array_elements(r.metrics) AS m "
                                                + FILTER + ") metrics ORDER BY 1, 2")
                                .setParameter(1, itemCodes)
                                .setParameter(2, periods)
                                .setParameter(3, province)
                                .getResultList())
                        .stream()
                                .map(row -> new MetricColumn((String) row[0], (String) row[1]))
                                .toList());
    }

    /** The period and, for a quarter, its months; null for every period. */
    private static String[] periods(int planYear, String text) {
        if (text == null) {
            return null;
        }
        Period period = Period.parse(text);
        if (period == null || period.year() != planYear) {
            throw ProblemException.badRequest(
                    "period",
                    "must be a quarter (" + planYear + "-Q2) or a month (" + planYear + "-06) of the " + planYear
                            + " plan");
        }
        List<String> periods = new ArrayList<>(List.of(period.text()));
        period.months().forEach(month -> periods.add(month.text()));
        return periods.toArray(String[]::new);
    }

    private static String time(Object value) {
        Instant instant = SqlTimes.instant(value);
        return instant == null ? null : BEIJING_TIME.format(instant);
    }
}
