package org.prioritytracker.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.prioritytracker.notification.problem.Problem;

/**
 * Checks a structured CloudEvent (JSON format) against what this service needs to store and publish
 * it: CloudEvents 1.0 with {@code id}, {@code source}, {@code type}, {@code subject}, {@code time} and
 * the {@code sequence} extension, and JSON data.
 */
final class CloudEventValidator {

    static final int MAX_ATTRIBUTE_LENGTH = 256;

    private CloudEventValidator() {
    }

    /** Adds a field error for each broken rule; {@code prefix} locates the event, e.g. {@code [3].}. */
    static void validate(JsonNode event, String prefix, List<Problem.FieldError> errors) {
        if (event == null || !event.isObject()) {
            errors.add(new Problem.FieldError(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a CloudEvent JSON object"));
            return;
        }
        JsonNode specversion = event.get("specversion");
        if (specversion == null || !specversion.isTextual()) {
            errors.add(new Problem.FieldError(prefix + "specversion", "is required and must be \"1.0\""));
        } else if (!"1.0".equals(specversion.asText())) {
            errors.add(new Problem.FieldError(prefix + "specversion", "must be \"1.0\", not \"" + specversion.asText() + "\""));
        }
        for (String attribute : List.of("id", "source", "type", "subject")) {
            requiredString(event, attribute, prefix, errors);
        }
        JsonNode time = event.get("time");
        if (time == null || !time.isTextual()) {
            errors.add(new Problem.FieldError(prefix + "time", "is required: an RFC 3339 timestamp"));
        } else {
            try {
                OffsetDateTime.parse(time.asText());
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError(prefix + "time", "must be an RFC 3339 timestamp such as 2025-06-01T08:00:00Z"));
            }
        }
        JsonNode sequence = event.get("sequence");
        if (sequence == null || sequence.isNull()) {
            errors.add(new Problem.FieldError(prefix + "sequence", "is required: the subject's increasing sequence number"));
        } else if (sequence(sequence) < 0) {
            errors.add(new Problem.FieldError(prefix + "sequence", "must be a whole number of at least 0"));
        }
        JsonNode contentType = event.get("datacontenttype");
        if (contentType != null && !(contentType.isTextual() && contentType.asText().startsWith("application/json"))) {
            errors.add(new Problem.FieldError(prefix + "datacontenttype", "must be application/json when given"));
        }
        if (event.has("data_base64")) {
            errors.add(new Problem.FieldError(prefix + "data_base64", "is not accepted: data must be JSON"));
        }
    }

    /** The sequence as a number: a JSON integer or a string of digits; -1 when it is neither. */
    static long sequence(JsonNode sequence) {
        if (sequence.isIntegralNumber() && sequence.canConvertToLong() && sequence.asLong() >= 0) {
            return sequence.asLong();
        }
        if (sequence.isTextual() && sequence.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(sequence.asText());
        }
        return -1;
    }

    private static void requiredString(JsonNode event, String attribute, String prefix, List<Problem.FieldError> errors) {
        JsonNode value = event.get(attribute);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            errors.add(new Problem.FieldError(prefix + attribute, "is required: a non-empty string"));
        } else if (value.asText().length() > MAX_ATTRIBUTE_LENGTH) {
            errors.add(new Problem.FieldError(prefix + attribute, "must be at most " + MAX_ATTRIBUTE_LENGTH + " characters"));
        }
    }
}
