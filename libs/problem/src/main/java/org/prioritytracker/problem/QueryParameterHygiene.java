package org.prioritytracker.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters, like JSON strings, must be {@link StorableText storable}: a parameter
 * with a control character is a 400 naming it, before any resource runs.
 */
public class QueryParameterHygiene {

    @ServerRequestFilter(preMatching = false)
    public Response check(ContainerRequestContext request, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(uri.getQueryParameters(), errors);
        check(uri.getPathParameters(), errors);
        if (errors.isEmpty()) {
            return null;
        }
        return Problem.invalid(errors).at(uri.getPath()).toResponse().build();
    }

    private static void check(MultivaluedMap<String, String> parameters, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String nameProblem = StorableText.problem(parameter.getKey());
            if (nameProblem != null) {
                errors.add(new Problem.FieldError("query", "a parameter name " + nameProblem));
                continue;
            }
            for (String value : parameter.getValue()) {
                String problem = StorableText.problem(value);
                if (problem != null) {
                    errors.add(new Problem.FieldError(parameter.getKey(), problem));
                    break;
                }
            }
        }
    }
}
