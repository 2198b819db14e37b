package org.prioritytracker.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is larger than {@code quarkus.http.limits.max-body-size}
 * with a 413 problem, before anything reads the body. (Vert.x itself would answer an empty 413.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long limit;
    private final ObjectMapper mapper;

    public BodySizeLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Router router) throws JsonProcessingException {
        String body = mapper.writeValueAsString(Problem.of(
                413,
                "Content Too Large",
                "The request body is larger than the " + limit + " bytes this service accepts.",
                List.of(new Problem.FieldError("body", "must be at most " + limit + " bytes"))));
        router.route().order(-3).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared)) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                context.next();
            }
        });
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
