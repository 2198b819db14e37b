package org.prioritytracker.task.item;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.prioritytracker.task.problem.Problem;
import org.prioritytracker.task.problem.ProblemException;

/** Conditional requests (RFC 9110): a change needs {@code If-Match} with the item's current ETag. */
final class Preconditions {

    private Preconditions() {
    }

    static void requireCurrent(SubItem item, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of(428, "Precondition Required",
                    "Send If-Match with the item's current ETag (" + item.etag() + ") to change it.",
                    List.of(new Problem.FieldError("If-Match", "is required"))));
        }
        if (!matches(ifMatch, item.version)) {
            throw new ProblemException(Problem.of(Response.Status.PRECONDITION_FAILED.getStatusCode(), "Precondition Failed",
                    "The item has changed since you read it: its ETag is now " + item.etag() + ". Read it again and retry.",
                    List.of(new Problem.FieldError("If-Match", "does not match the current ETag " + item.etag()))));
        }
    }

    /** A list of entity tags, each quoted or not; {@code *} matches any current representation. */
    static boolean matches(String ifMatch, long version) {
        String current = Long.toString(version);
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
