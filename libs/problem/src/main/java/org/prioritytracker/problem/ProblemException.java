package org.prioritytracker.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Thrown by the service layer to answer with a specific problem (404, 409, 412, ...). */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    /** A problem with response headers, such as Retry-After on a 503 or Location on a 409. */
    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = headers;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(
                400, "Bad Request", field + ": " + message, List.of(new Problem.FieldError(field, message))));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
