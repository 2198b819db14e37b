package org.prioritytracker.task.item;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prioritytracker.task.problem.Problem;
import org.prioritytracker.task.problem.ProblemException;

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
        int parsedPage = integer("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int parsedSize = integer("size", size, 50, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String parsedPriority = priority == null || priority.isBlank() ? null : priority.strip().toUpperCase(Locale.ROOT);
        return new ItemQuery(parsedPriority, parsedStatus, parsedOverdue, parsedPage, parsedSize);
    }

    PanacheQuery<SubItem> toQuery() {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (priority != null) {
            where.add("priority.code = :priority");
            parameters.and("priority", priority);
        }
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (overdue != null) {
            where.add("overdue = :overdue");
            parameters.and("overdue", overdue);
        }
        Sort order = Sort.by("priority.position").and("position");
        PanacheQuery<SubItem> query = where.isEmpty()
                ? SubItem.findAll(order)
                : SubItem.find(String.join(" and ", where), order, parameters);
        return query.page(Page.of(page, size));
    }

    private static int integer(String name, String raw, int fallback, int min, int max, List<Problem.FieldError> errors) {
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
        errors.add(new Problem.FieldError(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
