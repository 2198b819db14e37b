package org.prioritytracker.task.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.problem.StorableText;

/**
 * A JSON merge patch (RFC 7396) of a sub-item's descriptive fields. Absent fields stay as they are;
 * {@code null} clears an optional field. Status, code and version are not editable here: status
 * moves only through the workflow.
 */
final class ItemPatch {

    private static final Set<String> WORKFLOW_FIELDS =
            Set.of("status", "code", "priorityCode", "version", "overdue", "updatedAt", "sourceText", "nextStates");
    private static final int TITLE_MAX = 500;
    private static final int DEPARTMENT_MAX = 200;
    private static final int DESCRIPTION_MAX = 5000;

    private final Map<String, JsonNode> fields;

    private ItemPatch(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    static ItemPatch parse(JsonNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object of the fields to change");
        }
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "titleZh", "titleEn" -> requiredText(name, value, TITLE_MAX, errors);
                case "description" -> optionalText(name, value, DESCRIPTION_MAX, errors);
                case "leadDepartment" -> optionalText(name, value, DEPARTMENT_MAX, errors);
                case "dueDate" -> date(name, value, errors);
                default ->
                    errors.add(new Problem.FieldError(
                            name,
                            WORKFLOW_FIELDS.contains(name)
                                    ? "cannot be changed with PATCH"
                                            + (name.equals("status") ? "; use POST /api/items/{code}/transitions" : "")
                                    : "is not a known field"));
            }
            fields.put(name, value);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new ItemPatch(fields);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The names of the fields this patch sets, in the order given. */
    List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    boolean changesDueDate() {
        return fields.containsKey("dueDate");
    }

    void applyTo(SubItem item) {
        fields.forEach((name, value) -> {
            switch (name) {
                case "titleZh" -> item.titleZh = value.asText().strip();
                case "titleEn" -> item.titleEn = value.asText().strip();
                case "description" -> item.description = value.isNull() ? null : value.asText();
                case "leadDepartment" ->
                    item.leadDepartment = value.isNull() ? null : value.asText().strip();
                case "dueDate" -> item.dueDate = LocalDate.parse(value.asText());
                default -> throw new IllegalStateException("unvalidated field " + name);
            }
        });
    }

    private static void requiredText(String name, JsonNode value, int max, List<Problem.FieldError> errors) {
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new Problem.FieldError(name, "must be a non-empty string"));
        } else if (value.asText().strip().length() > max) {
            errors.add(new Problem.FieldError(name, "must be at most " + max + " characters"));
        } else if (StorableText.problem(value.asText()) != null) {
            errors.add(new Problem.FieldError(name, StorableText.problem(value.asText())));
        }
    }

    private static void optionalText(String name, JsonNode value, int max, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(name, "must be a string or null"));
        } else if (value.asText().length() > max) {
            errors.add(new Problem.FieldError(name, "must be at most " + max + " characters"));
        } else if (StorableText.problem(value.asText()) != null) {
            errors.add(new Problem.FieldError(name, StorableText.problem(value.asText())));
        }
    }

    private static void date(String name, JsonNode value, List<Problem.FieldError> errors) {
        if (!value.isTextual()) {
            errors.add(new Problem.FieldError(name, "must be a date such as 2025-12-31"));
            return;
        }
        try {
            LocalDate date = LocalDate.parse(value.asText());
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                errors.add(new Problem.FieldError(name, "must lie between the years 2000 and 2100"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be a date such as 2025-12-31"));
        }
    }
}
