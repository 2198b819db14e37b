package org.prioritytracker.system.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prioritytracker.system.support.SystemStack;

/**
 * Each service's contract, as the running service publishes it, passes the validator that client
 * generators (openapi-generator, swagger-codegen) run first: swagger-parser, with no message at all.
 */
@ExtendWith(SystemStack.class)
class OpenApiDocumentsIT {

    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void theServicesOpenApiDocumentIsValid(String service) {
        String document = given().get(service + "/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        assertNotNull(
                result.getOpenAPI(),
                "swagger-parser could not read " + service + "'s document: " + result.getMessages());
        assertEquals(List.of(), result.getMessages(), service + "/q/openapi");
    }
}
