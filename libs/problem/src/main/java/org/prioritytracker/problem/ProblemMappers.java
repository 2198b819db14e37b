package org.prioritytracker.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer. Input problems name
 * the offending field; anything unexpected is logged and answered as a 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = e.problem().at(uri.getPath()).toResponse();
        e.headers().forEach(response::header);
        return response.build();
    }

    /** The one place where the domain's rules become HTTP statuses. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return domainProblem(e).at(uri.getPath()).toResponse().build();
    }

    /** The problem a broken domain rule answers with; also for a batch's per-row results. */
    public static Problem domainProblem(DomainException e) {
        List<Problem.FieldError> errors =
                e.field() == null ? List.of() : List.of(new Problem.FieldError(e.field(), e.fieldMessage()));
        if (e instanceof DomainException.ForeignProvince) {
            return Problem.of(403, "Forbidden", e.getMessage(), errors);
        } else if (e instanceof DomainException.WorkflowViolation || e instanceof DomainException.AlreadyExists) {
            return Problem.of(409, "Conflict", e.getMessage(), errors);
        } else if (e instanceof DomainException.StaleVersion) {
            return Problem.of(412, "Precondition Failed", e.getMessage(), errors);
        } else if (e instanceof DomainException.VersionRequired) {
            return Problem.of(428, "Precondition Required", e.getMessage(), errors);
        }
        throw new IllegalStateException("No HTTP answer for " + e.getClass().getName(), e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required.")
                .at(uri.getPath())
                .toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "Your role does not allow this operation.")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid(errors).at(uri.getPath()).toResponse().build();
    }

    /** Bytes whose first few Jackson takes for UTF-16 or UTF-32 that then are neither. */
    @ServerExceptionMapper
    public Response undecodableBody(CharConversionException e, UriInfo uri) {
        return Problem.invalid(List.of(new Problem.FieldError("body", "is not text in UTF-8: " + e.getMessage())))
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return Problem.of(400, "Bad Request", "The body is not well-formed JSON: " + e.getOriginalMessage(), List.of())
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper({MismatchedInputException.class, JsonMappingException.class})
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return unreadable(e, "body").at(uri.getPath()).toResponse().build();
    }

    /**
     * The 400 for a JSON value that cannot be read as the field it should be, naming its path; for a
     * failure at the top, {@code whole} (body, or row in a batch).
     */
    public static Problem unreadable(JsonMappingException e, String whole) {
        String field = jsonPath(e);
        String message;
        if (e instanceof StorableTextModule.UnstorableTextException) {
            message = e.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? unknown.getPropertyName() : field;
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException invalid) {
            message = "the value " + describe(invalid.getValue()) + " is not a valid "
                    + typeName(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "expected a " + typeName(mismatched.getTargetType());
        } else {
            message = "cannot be read: " + e.getOriginalMessage();
        }
        if (field.isEmpty()) {
            field = whole;
        }
        return Problem.of(400, "Bad Request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("Request failed", e);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? status.getReasonPhrase()
                : e.getMessage();
        Response.ResponseBuilder builder = Problem.of(
                        status.getStatusCode(), status.getReasonPhrase(), detail, List.of())
                .at(uri.getPath())
                .toResponse();
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (databaseUnreachable(e)) {
            LOG.warnf("The database cannot be reached (%s) on %s", e, uri.getPath());
            // Lost at commit, a change may have been stored: the retry's If-Match or Idempotency-Key tells.
            return Problem.of(
                            Response.Status.SERVICE_UNAVAILABLE,
                            "The service's database cannot be reached just now. "
                                    + "Retry in a few seconds; with the same If-Match or Idempotency-Key a retried write is never "
                                    + "applied twice.")
                    .at(uri.getPath())
                    .toResponse()
                    .header(HttpHeaders.RETRY_AFTER, "2")
                    .build();
        }
        if (clientLeft(e)) {
            // Nobody reads this answer: the client closed the connection while sending its body.
            LOG.debugf("The client left during its request on %s (%s)", uri.getPath(), e);
            return Problem.of(
                            Response.Status.BAD_REQUEST,
                            "The connection closed before the request body was complete; " + "nothing was changed.")
                    .at(uri.getPath())
                    .toResponse()
                    .build();
        }
        LOG.error("Unexpected failure on " + uri.getPath(), e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    /** The client closed its connection while the request was being read (anywhere in the cause chain). */
    static boolean clientLeft(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A lost or refused database connection (a restart, a failover): SQL state class 08, or 57P
     * (the server shutting down), anywhere in the cause chain or among the suppressed exceptions (the
     * transaction manager reports a commit that failed on a lost connection as suppressed by its
     * rollback exception); or no pooled connection within the pool's acquisition timeout, which is
     * what a request sees while the server is down for longer than that timeout (Agroal reports it
     * without an SQL state).
     */
    static boolean databaseUnreachable(Throwable e) {
        return databaseUnreachable(e, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean databaseUnreachable(Throwable e, Set<Throwable> seen) {
        if (e == null || !seen.add(e)) {
            return false;
        }
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                return true;
            }
            if (state == null
                    && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : e.getSuppressed()) {
            if (databaseUnreachable(suppressed, seen)) {
                return true;
            }
        }
        return databaseUnreachable(e.getCause(), seen);
    }

    /**
     * The name a client knows: the JSON property path inside a body ({@code metrics[2].value}), or the
     * query/path parameter name when the parameter itself is invalid.
     */
    public static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            boolean last = i == nodes.size() - 1;
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER
                    || (kind == ElementKind.PARAMETER && !last)) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    public static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
