package org.prioritytracker.problem;

import java.math.BigDecimal;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents, once for every operation instead of annotations on each, what the services' error
 * handling answers (libs/problem): every error response (4xx, 5xx) is an RFC 9457 problem, so one
 * declared without a body gets the {@code application/problem+json} {@code Problem} schema; a 429 or
 * 503 carries {@code Retry-After} (seconds); and an operation that takes {@code If-Match} answers
 * 412 for a stale version and 428 for a missing one ({@link Preconditions#requireCurrent}); one that
 * needs a token answers 401 without a valid one. A service
 * turns it on with {@code mp.openapi.filter=org.prioritytracker.problem.ProblemResponses}.
 */
public class ProblemResponses implements OASFilter {

    private static final String RETRY_AFTER = "Retry-After";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        if (requiresAToken(operation) && !responses.hasAPIResponse("401")) {
            responses.addAPIResponse(
                    "401",
                    OASFactory.createAPIResponse()
                            .description("No valid bearer token")
                            .content(problemContent())
                            .addHeader(
                                    WWW_AUTHENTICATE,
                                    OASFactory.createHeader()
                                            .description("Bearer")
                                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
        }
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(ProblemResponses::isIfMatch)) {
            addIfMissing(
                    responses, "412", "If-Match is stale: the resource has changed since that version; read it again");
            addIfMissing(responses, "428", "If-Match is missing");
        }
        Map<String, APIResponse> all = responses.getAPIResponses();
        if (all != null) {
            all.forEach((status, response) -> {
                if (isError(status) && response.getRef() == null) {
                    describeAsProblem(status, response);
                }
            });
        }
        return operation;
    }

    /** 4xx and 5xx, but not 499: Quarkus OIDC's "not signed in" for a script's request has no body. */
    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5') && !"499".equals(status);
    }

    private static void describeAsProblem(String status, APIResponse response) {
        if (response.getContent() == null
                || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(problemContent());
        }
        if (("429".equals(status) || "503".equals(status))
                && (response.getHeaders() == null || !response.getHeaders().containsKey(RETRY_AFTER))) {
            response.addHeader(
                    RETRY_AFTER,
                    OASFactory.createHeader()
                            .description("Seconds to wait before trying again")
                            .schema(OASFactory.createSchema()
                                    .addType(Schema.SchemaType.INTEGER)
                                    .minimum(BigDecimal.ZERO)));
        }
    }

    /** Secured operations answer 401 without a valid token (ProblemMappers' unauthorized); public ones declare security: []. */
    private static boolean requiresAToken(Operation operation) {
        return operation.getSecurity() != null
                && operation.getSecurity().stream()
                        .anyMatch(requirement -> requirement.getSchemes() != null
                                && !requirement.getSchemes().isEmpty());
    }

    private static boolean isIfMatch(Parameter parameter) {
        return parameter.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(parameter.getName());
    }

    private static void addIfMissing(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(
                    status,
                    OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
