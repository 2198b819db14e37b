package org.prioritytracker.progress.rollup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.prioritytracker.identity.ProvinceRule;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.PriorityInfo;
import org.prioritytracker.progress.report.ReportStatus;
import org.prioritytracker.progress.rollup.Rollups.Behind;
import org.prioritytracker.progress.rollup.Rollups.Coverage;
import org.prioritytracker.progress.rollup.Rollups.ItemRollup;
import org.prioritytracker.progress.rollup.Rollups.ItemSummary;
import org.prioritytracker.progress.rollup.Rollups.Overview;
import org.prioritytracker.progress.rollup.Rollups.PriorityRollup;
import org.prioritytracker.progress.rollup.Rollups.ProvinceItem;
import org.prioritytracker.progress.rollup.Rollups.ProvinceRollup;
import org.prioritytracker.progress.rollup.Rollups.ProvinceStanding;

/**
 * Rollups from {@code latest_report} (one row per province and item, kept current on every
 * submission): an item reads at most 32 rows and the overview at most 32 x 31, however many
 * reports there are.
 */
@ApplicationScoped
public class RollupService {

    /** A province's latest report on an item. */
    record Standing(
            String itemCode,
            String provinceCode,
            UUID reportId,
            String period,
            LocalDate periodEnd,
            BigDecimal percent,
            String status) {}

    private final EntityManager entityManager;
    private final Bureaus bureaus;
    private final ItemCatalog catalog;
    private final RollupConfig config;

    public RollupService(EntityManager entityManager, Bureaus bureaus, ItemCatalog catalog, RollupConfig config) {
        this.entityManager = entityManager;
        this.bureaus = bureaus;
        this.catalog = catalog;
        this.config = config;
    }

    /**
     * @param confinedProvince a reporter's province: the national figures stay, the per-province
     *        lists hold that province alone; null for callers who see every province
     */
    public ItemRollup item(String itemCode, String confinedProvince) {
        if (catalog.item(itemCode).isEmpty()) {
            throw ProblemException.notFound("No sub-item has the code '" + itemCode + "'.");
        }
        List<Standing> standings = standings("item_code = ?1", itemCode);
        Double mean = mean(standings);
        LocalDate latestEnd = latestEnd(standings);
        List<Behind> behind = new ArrayList<>();
        List<ProvinceStanding> provinces = new ArrayList<>();
        for (Standing s : standings) {
            if (confinedProvince != null && !confinedProvince.equals(s.provinceCode())) {
                continue;
            }
            Bureaus.Bureau bureau = bureaus.get(s.provinceCode());
            provinces.add(new ProvinceStanding(
                    s.provinceCode(),
                    bureau.nameZh(),
                    bureau.nameEn(),
                    s.percent(),
                    s.status(),
                    s.period(),
                    s.reportId()));
            List<String> reasons = new ArrayList<>();
            if (mean != null && s.percent().doubleValue() < mean - config.behindMargin()) {
                reasons.add("BELOW_MEAN");
            }
            if (s.status().equals(ReportStatus.AT_RISK.name()) || s.status().equals(ReportStatus.BLOCKED.name())) {
                reasons.add(s.status());
            }
            if (!reasons.isEmpty()) {
                behind.add(new Behind(s.provinceCode(), bureau.nameZh(), s.percent(), s.status(), reasons));
            }
        }
        return new ItemRollup(
                itemCode,
                mean,
                latestPeriod(standings, latestEnd),
                Coverage.of(reportedIn(standings, latestEnd), bureaus.count()),
                config.behindMargin(),
                behind,
                provinces);
    }

    public PriorityRollup priority(String priorityCode) {
        PriorityInfo priority = catalog.priorities().stream()
                .filter(p -> p.code().equals(priorityCode))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("No priority has the code '" + priorityCode + "'."));
        List<String> codes =
                priority.items().stream().map(PriorityInfo.Item::code).toList();
        return priority(priority, byItem(standings("item_code = ANY(?1)", codes.toArray(String[]::new))));
    }

    public Overview overview() {
        Map<String, List<Standing>> byItem = byItem(standings("TRUE", null));
        List<PriorityRollup> priorities = catalog.priorities().stream()
                .sorted(Comparator.comparingInt(PriorityInfo::position))
                .map(p -> priority(p, byItem))
                .toList();
        List<Standing> all = byItem.values().stream().flatMap(List::stream).toList();
        int reported =
                priorities.stream().mapToInt(p -> p.coverage().reported()).sum();
        int expected =
                priorities.stream().mapToInt(p -> p.coverage().expected()).sum();
        return new Overview(
                meanOfMeans(priorities.stream().map(PriorityRollup::meanPercent).toList()),
                counts(all),
                Coverage.of(reported, expected),
                priorities);
    }

    /** Reads only latest_report: the report behind a cell (its narrative, say) is one GET /api/reports/{id} away. */
    public Rollups.Heatmap heatmap(String confinedProvince) {
        List<Standing> standings =
                confinedProvince == null ? standings("TRUE", null) : standings("province_code = ?1", confinedProvince);
        return new Rollups.Heatmap(standings.stream()
                .map(s -> new Rollups.HeatmapCell(
                        s.itemCode(), s.provinceCode(), s.percent(), s.status(), s.period(), s.reportId()))
                .toList());
    }

    public ProvinceRollup province(String provinceCode, String confinedProvince) {
        Bureaus.Bureau bureau = bureaus.get(provinceCode);
        if (bureau == null) {
            throw ProblemException.notFound("No reporting bureau has the code '" + provinceCode + "'.");
        }
        ProvinceRule.requireOwn(confinedProvince, provinceCode, "read %s's rollup", null);
        Map<String, String> titles = new LinkedHashMap<>();
        catalog.priorities().stream()
                .sorted(Comparator.comparingInt(PriorityInfo::position))
                .flatMap(p -> p.items().stream())
                .forEach(i -> titles.put(i.code(), i.titleZh()));
        List<Standing> standings = standings("province_code = ?1", provinceCode);
        List<ProvinceItem> items = standings.stream()
                .sorted(Comparator.comparing(s -> new ArrayList<>(titles.keySet()).indexOf(s.itemCode())))
                .map(s -> new ProvinceItem(
                        s.itemCode(),
                        titles.get(s.itemCode()),
                        s.percent(),
                        s.status(),
                        s.period(),
                        s.periodEnd(),
                        s.reportId()))
                .toList();
        return new ProvinceRollup(
                provinceCode,
                bureau.nameZh(),
                bureau.nameEn(),
                mean(standings),
                counts(standings),
                standings.size(),
                titles.size(),
                items);
    }

    private PriorityRollup priority(PriorityInfo priority, Map<String, List<Standing>> byItem) {
        List<ItemSummary> items = new ArrayList<>();
        List<Standing> all = new ArrayList<>();
        int reported = 0;
        for (PriorityInfo.Item item : priority.items()) {
            List<Standing> standings = byItem.getOrDefault(item.code(), List.of());
            all.addAll(standings);
            LocalDate latestEnd = latestEnd(standings);
            int reportedForItem = reportedIn(standings, latestEnd);
            reported += reportedForItem;
            items.add(new ItemSummary(
                    item.code(),
                    item.titleZh(),
                    item.titleEn(),
                    mean(standings),
                    latestPeriod(standings, latestEnd),
                    Coverage.of(reportedForItem, bureaus.count()),
                    counts(standings)));
        }
        return new PriorityRollup(
                priority.code(),
                priority.titleZh(),
                priority.titleEn(),
                meanOfMeans(items.stream().map(ItemSummary::meanPercent).toList()),
                counts(all),
                Coverage.of(reported, bureaus.count() * priority.items().size()),
                items);
    }

    @SuppressWarnings("unchecked")
    private List<Standing> standings(String condition, Object parameter) {
        var query = entityManager.createNativeQuery(
                "SELECT item_code, province_code, report_id, period, period_end, percent_complete, status"
                        + " FROM latest_report WHERE " + condition + " ORDER BY item_code, province_code");
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(r -> new Standing(
                        (String) r[0],
                        (String) r[1],
                        (UUID) r[2],
                        (String) r[3],
                        r[4] instanceof LocalDate date ? date : ((java.sql.Date) r[4]).toLocalDate(),
                        (BigDecimal) r[5],
                        (String) r[6]))
                .toList();
    }

    private static Map<String, List<Standing>> byItem(List<Standing> standings) {
        return standings.stream().collect(Collectors.groupingBy(Standing::itemCode));
    }

    private static Double mean(List<Standing> standings) {
        return standings.isEmpty()
                ? null
                : Rollups.round(standings.stream()
                        .mapToDouble(s -> s.percent().doubleValue())
                        .average()
                        .orElseThrow());
    }

    private static Double meanOfMeans(List<Double> means) {
        List<Double> known = means.stream().filter(m -> m != null).toList();
        return known.isEmpty()
                ? null
                : Rollups.round(known.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow());
    }

    private static LocalDate latestEnd(List<Standing> standings) {
        return standings.stream()
                .map(Standing::periodEnd)
                .max(LocalDate::compareTo)
                .orElse(null);
    }

    private static int reportedIn(List<Standing> standings, LocalDate latestEnd) {
        return (int)
                standings.stream().filter(s -> s.periodEnd().equals(latestEnd)).count();
    }

    private static String latestPeriod(List<Standing> standings, LocalDate latestEnd) {
        return standings.stream()
                .filter(s -> s.periodEnd().equals(latestEnd))
                .map(Standing::period)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private static Map<String, Integer> counts(List<Standing> standings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ReportStatus status : ReportStatus.values()) {
            counts.put(status.name(), 0);
        }
        standings.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        return counts;
    }
}
