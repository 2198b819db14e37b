package org.prioritytracker.progress.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prioritytracker.progress.problem.Problem;
import org.prioritytracker.progress.problem.ProblemException;

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
        int parsedPage = number("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int parsedSize = number("size", size, 50, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new ReportFilter(blankToNull(item), blankToNull(province), blankToNull(period), state, parsedPage, parsedSize);
    }

    private static int number(String name, String raw, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
