package org.prioritytracker.progress.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.prioritytracker.progress.catalog.Bureaus;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.catalog.ItemInfo;
import org.prioritytracker.progress.problem.Problem;
import org.prioritytracker.progress.problem.ProblemException;

/** The checks of a report that bean validation cannot make: they need the calendar, the bureaus or task-service. */
final class ReportRules {

    /** Periods are days of the Chinese calendar: a period has begun once its first day has begun in Beijing. */
    static final ZoneId PLAN_ZONE = ZoneId.of("Asia/Shanghai");

    private ReportRules() {
    }

    /** Adds field errors for the period, the numbers and the bureau; returns the parsed period (null when invalid). */
    static Period check(ReportRequest request, String province, Bureaus bureaus, List<Problem.FieldError> errors) {
        if (!bureaus.exists(province)) {
            errors.add(new Problem.FieldError("provinceCode", "'" + province + "' is not one of the 32 reporting bureaus"));
        }
        if (request.percentComplete() != null && !Double.isFinite(request.percentComplete())) {
            errors.add(new Problem.FieldError("percentComplete", "must be a finite number from 0 to 100"));
        }
        for (int i = 0; i < request.metricsOrEmpty().size(); i++) {
            Metric metric = request.metricsOrEmpty().get(i);
            if (metric != null && metric.value() != null && !Double.isFinite(metric.value())) {
                errors.add(new Problem.FieldError("metrics[" + i + "].value", "must be a finite number"));
            }
        }
        if (request.period() == null || request.period().isBlank()) {
            return null;
        }
        Period period = Period.parse(request.period().strip());
        if (period == null) {
            errors.add(new Problem.FieldError("period", "must be a quarter (2025-Q2) or a month (2025-06)"));
        } else if (period.start().isAfter(LocalDate.now(PLAN_ZONE))) {
            errors.add(new Problem.FieldError("period", "lies in the future (it begins on " + period.start() + ", Beijing time)"));
            return null;
        }
        return period;
    }

    /** The item must exist in task-service, and the period lie in the item's plan year. */
    static void checkItem(String itemCode, Period period, ItemCatalog catalog, List<Problem.FieldError> errors) {
        if (itemCode == null || itemCode.isBlank()) {
            return;
        }
        ItemInfo item = catalog.item(itemCode.strip()).orElse(null);
        if (item == null) {
            errors.add(new Problem.FieldError("itemCode", "no sub-item has the code '" + itemCode + "'"));
        } else if (period != null && period.year() != item.planYear()) {
            errors.add(new Problem.FieldError("period", "must lie in " + item.planYear() + ", the plan year of " + itemCode));
        }
    }

    static void throwIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }
}
