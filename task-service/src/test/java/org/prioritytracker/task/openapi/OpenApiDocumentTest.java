package org.prioritytracker.task.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is the service's contract: every endpoint, its errors and examples. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void describesEveryEndpointWithItsErrorsAndExamples() {
        var document = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200);
        for (String path : new String[] {
            "/api/priorities",
            "/api/priorities/{code}",
            "/api/items",
            "/api/items/{code}",
            "/api/items/{code}/transitions",
            "/api/items/{code}/history",
            "/api/provinces",
            "/api/provinces/{code}"
        }) {
            document.body("paths", hasKey(path));
        }
        document.body("paths.'/api/items/{code}/transitions'.post.responses", hasKey("409"))
                .body("paths.'/api/items/{code}/transitions'.post.responses", hasKey("412"))
                .body("paths.'/api/items/{code}/transitions'.post.responses", hasKey("428"))
                .body(
                        "paths.'/api/items/{code}/transitions'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/items/{code}'.patch.requestBody.content.'application/json'.examples", notNullValue())
                .body(
                        "tags.find { it.name == 'Items' }.description",
                        containsString("COMPLETED -> IN_PROGRESS (reopen)"))
                .body("components.securitySchemes", hasKey("jwt"));
    }
}
