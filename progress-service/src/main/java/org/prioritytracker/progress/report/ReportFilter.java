package org.prioritytracker.progress.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prioritytracker.problem.Paging;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** The filters and page of {@code GET /api/reports}, parsed so that a bad value is a 400 naming it. */
record ReportFilter(String item, String province, String period, ReviewState reviewState, int page, int size) {

    static final int MAX_SIZE = 200;

    static ReportFilter parse(String item, String province, String period, String reviewState, String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ReviewState state = null;
        if (reviewState != null && !reviewState.isBlank()) {
            try {
                state = ReviewState.valueOf(reviewState.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("reviewState", "must be one of " + Arrays.toString(ReviewState.values())));
            }
        }
        if (period != null && !period.isBlank() && Period.parse(period.strip()) == null) {
            errors.add(new Problem.FieldError("period", "must be a quarter (2025-Q2) or a month (2025-06)"));
        }
        Paging paging = Paging.parse(page, size, 50, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new ReportFilter(blankToNull(item), blankToNull(province), blankToNull(period), state, paging.page(), paging.size());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
