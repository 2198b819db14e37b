package org.prioritytracker.task.item;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.prioritytracker.problem.Paging;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.task.plan.Plan;

/**
 * The filter and page of {@code GET /api/items}, parsed from raw query strings so that a bad value
 * is a 400 naming the parameter (JAX-RS would answer 404 for a failed conversion).
 */
record ItemQuery(
        Integer plan, String priority, ItemStatus status, Boolean overdue, boolean archived, int page, int size) {

    static final int MAX_SIZE = 200;

    static ItemQuery parse(
            String plan, String priority, String status, String overdue, String archived, String page, String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Integer parsedPlan = null;
        if (plan != null && !plan.isBlank()) {
            OptionalInt year = Plan.parseYear(plan);
            if (year.isPresent()) {
                parsedPlan = year.getAsInt();
            } else {
                errors.add(new Problem.FieldError("plan", "must be a plan's year of four digits, such as 2025"));
            }
        }
        ItemStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = ItemStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("status", "must be one of " + Arrays.toString(ItemStatus.values())));
            }
        }
        Boolean parsedOverdue = flag("overdue", overdue, errors);
        Boolean parsedArchived = flag("archived", archived, errors);
        Paging paging = Paging.parse(page, size, 50, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String parsedPriority =
                priority == null || priority.isBlank() ? null : priority.strip().toUpperCase(Locale.ROOT);
        return new ItemQuery(
                parsedPlan,
                parsedPriority,
                parsedStatus,
                parsedOverdue,
                Boolean.TRUE.equals(parsedArchived),
                paging.page(),
                paging.size());
    }

    /** true, false, or null when absent. */
    private static Boolean flag(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(new Problem.FieldError(name, "must be true or false"));
                yield null;
            }
        };
    }
}
