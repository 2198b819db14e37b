package org.prioritytracker.task.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.TestTokens;

/**
 * Only progress-service makes a service token (with its own key, or as the provider's client by client
 * credentials), only for this service, and only for reading.
 */
@QuarkusTest
class ServiceIdentityTest {

    @Test
    void progressServicesOwnTokenReadsTheCatalogue() {
        String token = TestTokens.forService("progress-service", "progress-service", "task-service", "service");
        given().auth().oauth2(token).get("/api/items/P3.2").then().statusCode(200);
        given().auth().oauth2(token).get("/api/priorities").then().statusCode(200);
    }

    @Test
    void theProvidersTokenForProgressServicesClientReadsTheCatalogue() {
        String token = TestTokens.fromTheProviderForClient("progress-service", "task-service", "service");
        given().auth().oauth2(token).get("/api/items/P3.2").then().statusCode(200);
    }

    @Test
    void aServiceTokenCannotWrite() {
        String token = TestTokens.forService("progress-service", "progress-service", "task-service", "service");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"to\": \"IN_PROGRESS\"}")
                .post("/api/items/P1.2/transitions")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void everyOtherShapeOfServiceTokenIsRefused() {
        String[] refused = {
            // for another audience
            TestTokens.forService("progress-service", "progress-service", "notification-service", "service"),
            // the service's key, another issuer
            TestTokens.forService("priority-tracker-dev", "progress-service", "task-service", "service"),
            // the service's key making a person
            TestTokens.forService("progress-service", "progress-service", "task-service", "ministry-admin"),
            TestTokens.forService("progress-service", "progress-service", "task-service", "service", "ministry-admin"),
            // the people's key claiming to be the service, or giving a person the service role
            TestTokens.serviceClaimFromThePeoplesKey("progress-service"),
            TestTokens.forRole("service"),
            // the provider's service role held by another client, or with more roles
            TestTokens.fromTheProviderForClient("dashboard", "task-service", "service"),
            TestTokens.fromTheProviderForClient("progress-service", "task-service", "service", "ministry-admin"),
            // a person's token for no audience
            TestTokens.withoutAudience("viewer"),
        };
        for (String token : refused) {
            given().auth()
                    .oauth2(token)
                    .get("/api/priorities")
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"));
        }
    }
}
