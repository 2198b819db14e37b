package org.prioritytracker.progress.export;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.prioritytracker.progress.timeliness.Timeliness;
import org.prioritytracker.progress.timeliness.TimelinessService;

/** The completeness and timeliness table as an export: a row per bureau, laggards first, then the nation's. */
@ApplicationScoped
public class TimelinessExport {

    private final TimelinessService timeliness;

    public TimelinessExport(TimelinessService timeliness) {
        this.timeliness = timeliness;
    }

    public Table table(int planYear, String period, String confinedProvince) {
        Timeliness figures = timeliness.timeliness(planYear, period, confinedProvince);
        List<String> headings = List.of("省份代码", "省份", "应报", "已报", "按时", "迟报", "缺报", "完整率（%）", "及时率（%）");
        return new Table("完整性与及时性 " + (period == null ? planYear : period), headings, row -> {
            for (Timeliness.BureauRates bureau : figures.bureaus()) {
                // A deactivated bureau keeps its row (it may owe earlier periods), marked so.
                row.accept(cells(
                        bureau.provinceCode(),
                        bureau.active() ? bureau.nameZh() : bureau.nameZh() + "（已停用）",
                        bureau.rates()));
            }
            row.accept(cells("", "全国", figures.national()));
        });
    }

    private static List<Object> cells(String code, String name, Timeliness.Rates rates) {
        List<Object> cells = new ArrayList<>(
                List.of(code, name, rates.expected(), rates.reported(), rates.onTime(), rates.late(), rates.missing()));
        cells.add(rates.completenessPercent());
        cells.add(rates.timelinessPercent());
        return cells;
    }
}
