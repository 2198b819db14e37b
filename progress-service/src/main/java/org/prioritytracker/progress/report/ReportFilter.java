package org.prioritytracker.progress.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prioritytracker.problem.Paging;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.Period;

/** The filters and page of {@code GET /api/reports}, parsed so that a bad value is a 400 naming it. */
record ReportFilter(
        String item,
        String priority,
        String province,
        String period,
        Integer plan,
        ReviewState reviewState,
        int page,
        int size) {

    static final int MAX_SIZE = 200;
    /** A priority's code: P3 in the 2025 plan, 2026-P3 in later ones (task-service's PlanCodes). */
    static final String PRIORITY = "([0-9]{4}-)?P[1-9][0-9]?";

    static final String YEAR = "[0-9]{4}";

    static ReportFilter parse(
            String item,
            String priority,
            String province,
            String period,
            String plan,
            String reviewState,
            String page,
            String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (priority != null && !priority.isBlank() && !priority.strip().matches(PRIORITY)) {
            errors.add(new Problem.FieldError("priority", "must be a priority's code, such as P3 (or 2026-P3)"));
        }
        if (plan != null && !plan.isBlank() && !plan.strip().matches(YEAR)) {
            errors.add(new Problem.FieldError("plan", "must be a plan's year of four digits, such as 2025"));
        }
        ReviewState state = null;
        if (reviewState != null && !reviewState.isBlank()) {
            try {
                state = ReviewState.valueOf(reviewState.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(
                        "reviewState", "must be one of " + Arrays.toString(ReviewState.values())));
            }
        }
        if (period != null && !period.isBlank() && Period.parse(period.strip()) == null) {
            errors.add(new Problem.FieldError("period", "must be a quarter (2025-Q2) or a month (2025-06)"));
        }
        Paging paging = Paging.parse(page, size, 50, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String year = blankToNull(plan);
        return new ReportFilter(
                blankToNull(item),
                blankToNull(priority),
                blankToNull(province),
                blankToNull(period),
                year == null ? null : Integer.valueOf(year),
                state,
                paging.page(),
                paging.size());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
