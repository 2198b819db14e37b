package org.prioritytracker.progress.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.ItemInfo;

/**
 * The checks of a report that bean validation cannot make: they need the calendar, the bureaus or
 * the item from task-service. Pure functions of their arguments, so that they are tested without a
 * running service.
 */
public final class ReportRules {

    private ReportRules() {}

    /**
     * Adds field errors for the bureau, the numbers and the period; returns the parsed period (null
     * when it is invalid or lies in the future).
     *
     * @param today today on the plan's calendar (Beijing): a period may be reported once it has begun
     */
    static Period check(
            ReportRequest request,
            String province,
            boolean knownBureau,
            LocalDate today,
            List<Problem.FieldError> errors) {
        if (!knownBureau) {
            errors.add(new Problem.FieldError(
                    "provinceCode", "'" + province + "' is not one of the 32 reporting bureaus"));
        }
        checkNumbers(request.percentComplete(), request.metricsOrEmpty(), errors);
        if (request.period() == null || request.period().isBlank()) {
            return null;
        }
        Period period = Period.parse(request.period().strip());
        if (period == null) {
            errors.add(new Problem.FieldError("period", "must be a quarter (2025-Q2) or a month (2025-06)"));
        } else if (period.start().isAfter(today)) {
            errors.add(new Problem.FieldError(
                    "period", "lies in the future (it begins on " + period.start() + ", Beijing time)"));
            return null;
        }
        return period;
    }

    /** Numbers must be finite (bean validation checks the range): a report's, and a draft's when given. */
    public static void checkNumbers(Double percentComplete, List<Metric> metrics, List<Problem.FieldError> errors) {
        if (percentComplete != null && !Double.isFinite(percentComplete)) {
            errors.add(new Problem.FieldError("percentComplete", "must be a finite number from 0 to 100"));
        }
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            if (metric != null && metric.value() != null && !Double.isFinite(metric.value())) {
                errors.add(new Problem.FieldError("metrics[" + i + "].value", "must be a finite number"));
            }
        }
    }

    /** A percentage as stored: two decimals. */
    public static BigDecimal percent(Double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The item must exist in task-service and be active, and the period lie in the item's plan year.
     *
     * @param item the item as task-service knows it; empty when it has no such item
     */
    public static void checkItem(
            String itemCode, Period period, Optional<ItemInfo> item, List<Problem.FieldError> errors) {
        if (item.isEmpty()) {
            errors.add(new Problem.FieldError("itemCode", "no sub-item has the code '" + itemCode + "'"));
        } else if (item.get().isArchived()) {
            errors.add(
                    new Problem.FieldError("itemCode", "sub-item " + itemCode + " is archived: it expects no reports"));
        } else if (period != null && period.year() != item.get().planYear()) {
            errors.add(new Problem.FieldError(
                    "period", "must lie in " + item.get().planYear() + ", the plan year of " + itemCode));
        }
    }

    public static void throwIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }
}
