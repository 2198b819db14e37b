package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

    private final ProblemResponses filter = new ProblemResponses();

    @Test
    void anErrorResponseWithoutABodyIsDescribedAsAProblem() {
        Operation operation = operation("403", "200", "304");
        filter.filterOperation(operation);
        assertEquals(
                "#/components/schemas/Problem",
                problemSchema(operation.getResponses().getAPIResponse("403")));
        assertNull(operation.getResponses().getAPIResponse("200").getContent(), "a success keeps what it declared");
        assertNull(operation.getResponses().getAPIResponse("304").getContent());
    }

    @Test
    void aDeclaredBodyStays() {
        Operation operation = operation();
        operation
                .getResponses()
                .addAPIResponse(
                        "400",
                        OASFactory.createAPIResponse()
                                .description("bad")
                                .content(OASFactory.createContent()
                                        .addMediaType("text/plain", OASFactory.createMediaType())));
        filter.filterOperation(operation);
        assertTrue(operation.getResponses().getAPIResponse("400").getContent().hasMediaType("text/plain"));
        assertFalse(operation.getResponses().getAPIResponse("400").getContent().hasMediaType(Problem.MEDIA_TYPE));
    }

    @Test
    void tooManyRequestsAndUnavailableSayWhenToComeBack() {
        Operation operation = operation("429", "503", "500");
        filter.filterOperation(operation);
        for (String status : new String[] {"429", "503"}) {
            Schema retryAfter = operation
                    .getResponses()
                    .getAPIResponse(status)
                    .getHeaders()
                    .get("Retry-After")
                    .getSchema();
            assertEquals(Schema.SchemaType.INTEGER, retryAfter.getType().get(0), status);
        }
        assertNull(operation.getResponses().getAPIResponse("500").getHeaders());
    }

    @Test
    void quarkusOidcsNotSignedInHasNoBody() {
        Operation operation = operation("499");
        filter.filterOperation(operation);
        assertNull(operation.getResponses().getAPIResponse("499").getContent());
    }

    @Test
    void anOperationThatTakesIfMatchAnswers412And428() {
        Operation operation = operation("200");
        operation.addParameter(
                OASFactory.createParameter().in(Parameter.In.HEADER).name("If-Match"));
        filter.filterOperation(operation);
        assertEquals(
                "#/components/schemas/Problem",
                problemSchema(operation.getResponses().getAPIResponse("412")));
        assertEquals(
                "#/components/schemas/Problem",
                problemSchema(operation.getResponses().getAPIResponse("428")));

        Operation without = operation("200");
        filter.filterOperation(without);
        assertFalse(without.getResponses().hasAPIResponse("412"));
    }

    @Test
    void anOperationThatNeedsATokenAnswers401AndAPublicOneDoesNot() {
        Operation secured = operation("200");
        secured.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"));
        filter.filterOperation(secured);
        APIResponse unauthorized = secured.getResponses().getAPIResponse("401");
        assertEquals("#/components/schemas/Problem", problemSchema(unauthorized));
        assertTrue(unauthorized.getHeaders().containsKey("WWW-Authenticate"));

        Operation open = operation("200");
        open.setSecurity(new ArrayList<>());
        filter.filterOperation(open);
        assertFalse(open.getResponses().hasAPIResponse("401"));

        Operation declared = operation("200", "401");
        declared.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"));
        filter.filterOperation(declared);
        assertEquals("401", declared.getResponses().getAPIResponse("401").getDescription(), "a declared 401 stays");
    }

    private static Operation operation(String... statuses) {
        Operation operation = OASFactory.createOperation().responses(OASFactory.createAPIResponses());
        for (String status : statuses) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().description(status));
        }
        return operation;
    }

    private static String problemSchema(APIResponse response) {
        return response.getContent()
                .getMediaType(Problem.MEDIA_TYPE)
                .getSchema()
                .getRef();
    }
}
