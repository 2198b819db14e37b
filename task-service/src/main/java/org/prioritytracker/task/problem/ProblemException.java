package org.prioritytracker.task.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Thrown by the service layer to answer with a specific problem (404, 409, 412, ...). */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(400, "Bad Request", field + ": " + message,
                List.of(new Problem.FieldError(field, message))));
    }

    public Problem problem() {
        return problem;
    }
}
