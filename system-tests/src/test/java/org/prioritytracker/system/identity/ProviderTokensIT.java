package org.prioritytracker.system.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.system.support.KeycloakApi.adminToken;
import static org.prioritytracker.system.support.KeycloakApi.claims;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * The services as deploy/local/up starts them trust the tokens of the stack's Keycloak and nothing
 * else: a token of another issuer (the committed development key), an expired one and one for
 * another audience are each refused with a 401 problem by every service.
 */
@ExtendWith(SystemStack.class)
class ProviderTokensIT {

    /** A read that each service answers for any of its roles. */
    private static final List<String> READS = List.of(
            SystemStack.TASK + "/api/priorities",
            SystemStack.PROGRESS + "/api/rollups/overview",
            SystemStack.NOTIFICATION + "/api/events");

    @Test
    void aReportersTokenFromTheProviderSubmitsAReportThroughTheProvidersServiceToken() {
        String token = Tokens.of("provincial-reporter", "130000");
        assertEquals(SystemStack.ISSUER, claims(token).path("iss").asText());
        // progress-service looks the sub-item up in task-service with its own client-credentials token.
        ReportApi.submitOrAmend("130000", "P6.2", "2025-Q1", 30, "ON_TRACK", "身份提供者签发的令牌");
    }

    @Test
    void aTokenSignedWithTheDevelopmentKeyIsRefusedByEveryService() {
        String foreign = Tokens.signedWithTheDevelopmentKey("viewer");
        assertEquals("priority-tracker-dev", claims(foreign).path("iss").asText());
        for (String read : READS) {
            given().auth().oauth2(Tokens.of("viewer")).get(read).then().statusCode(200);
            refused(foreign, read);
        }
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        // progress-service's token is for task-service alone.
        String forTaskService = Tokens.forService("progress-service");
        assertEquals("task-service", claims(forTaskService).path("aud").asText());
        given().auth()
                .oauth2(forTaskService)
                .get(SystemStack.TASK + "/api/items/P3.2")
                .then()
                .statusCode(200);
        refused(forTaskService, SystemStack.PROGRESS + "/api/rollups/overview");
        refused(forTaskService, SystemStack.NOTIFICATION + "/api/events");
    }

    @Test
    void anExpiredTokenIsRefusedByEveryService() {
        String admin = adminToken();
        String client = "expiry-probe-" + UUID.randomUUID();
        String created = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "clientId",
                        client,
                        "publicClient",
                        true,
                        "directAccessGrantsEnabled",
                        true,
                        "standardFlowEnabled",
                        false,
                        "fullScopeAllowed",
                        false,
                        "attributes",
                        Map.of("access.token.lifespan", "2")))
                .post(SystemStack.KEYCLOAK + "/admin/realms/priority-tracker/clients")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        try {
            String token = given().formParam("grant_type", "password")
                    .formParam("client_id", client)
                    .formParam("username", "viewer")
                    .formParam("password", "viewer-local")
                    .post(SystemStack.ISSUER + "/protocol/openid-connect/token")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
            JsonNode claims = claims(token);
            assertEquals(2, claims.path("exp").asLong() - claims.path("iat").asLong());
            given().auth().oauth2(token).get(READS.get(0)).then().statusCode(200);
            // Expired once its two seconds and the services' allowed clock skew have passed.
            for (String read : READS) {
                Awaitility.await(read + " refusing the expired token")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> given().auth().oauth2(token).get(read).statusCode() == 401);
                refused(token, read);
            }
        } finally {
            given().auth().oauth2(admin).delete(created).then().statusCode(204);
        }
    }

    private static void refused(String token, String url) {
        given().auth()
                .oauth2(token)
                .get(url)
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }
}
