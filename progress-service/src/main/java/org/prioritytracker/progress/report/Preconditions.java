package org.prioritytracker.progress.report;

import java.util.List;
import org.prioritytracker.progress.problem.Problem;
import org.prioritytracker.progress.problem.ProblemException;

/** Conditional requests (RFC 9110): a change needs {@code If-Match} with the current ETag. */
final class Preconditions {

    private Preconditions() {
    }

    static void requireCurrent(String ifMatch, long version, String etag, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of(428, "Precondition Required",
                    "Send If-Match with the " + what + "'s current ETag (" + etag + ") to change it.",
                    List.of(new Problem.FieldError("If-Match", "is required"))));
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || value.equals(etag) || value.equals(Long.toString(version))) {
                return;
            }
        }
        throw new ProblemException(Problem.of(412, "Precondition Failed",
                "The " + what + " has changed since you read it: its ETag is now " + etag + ".",
                List.of(new Problem.FieldError("If-Match", "does not match the current ETag " + etag))));
    }
}
