package org.prioritytracker.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Content-Type and Accept must parse as media types before the framework chooses a resource by
 * them; otherwise its parser fails deep inside the matching, which would be a 500.
 */
public class HeaderHygiene {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        for (String header : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT)) {
            for (String value : request.getHeaders().getOrDefault(header, List.of())) {
                String problem = mediaTypeProblem(header, value);
                if (problem != null) {
                    return Problem.invalid(List.of(new Problem.FieldError(header, problem)))
                            .at(request.getUriInfo().getPath())
                            .toResponse()
                            .build();
                }
            }
        }
        return null;
    }

    /** Why the header's value is not a media type (or, for Accept, a list of them); null when it is. */
    static String mediaTypeProblem(String header, String value) {
        List<String> types = HttpHeaders.ACCEPT.equals(header) ? List.of(value.split(",")) : List.of(value);
        for (String type : types) {
            if (type.isBlank() && HttpHeaders.ACCEPT.equals(header)) {
                continue;
            }
            try {
                MediaType.valueOf(type.strip());
            } catch (IllegalArgumentException e) {
                return "is not a media type such as application/json";
            }
        }
        return null;
    }
}
