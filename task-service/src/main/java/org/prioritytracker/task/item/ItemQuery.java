package org.prioritytracker.task.item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prioritytracker.problem.Paging;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * The filter and page of {@code GET /api/items}, parsed from raw query strings so that a bad value
 * is a 400 naming the parameter (JAX-RS would answer 404 for a failed conversion).
 */
record ItemQuery(String priority, ItemStatus status, Boolean overdue, int page, int size) {

    static final int MAX_SIZE = 200;

    static ItemQuery parse(String priority, String status, String overdue, String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ItemStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = ItemStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("status", "must be one of " + Arrays.toString(ItemStatus.values())));
            }
        }
        Boolean parsedOverdue = null;
        if (overdue != null && !overdue.isBlank()) {
            switch (overdue.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> parsedOverdue = true;
                case "false" -> parsedOverdue = false;
                default -> errors.add(new Problem.FieldError("overdue", "must be true or false"));
            }
        }
        Paging paging = Paging.parse(page, size, 50, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String parsedPriority = priority == null || priority.isBlank() ? null : priority.strip().toUpperCase(Locale.ROOT);
        return new ItemQuery(parsedPriority, parsedStatus, parsedOverdue, paging.page(), paging.size());
    }
}
