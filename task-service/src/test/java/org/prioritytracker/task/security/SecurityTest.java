package org.prioritytracker.task.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class SecurityTest {

    @Test
    void noTokenIs401Problem() {
        given().when()
                .get("/api/provinces")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/provinces"));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        String forged = Jwt.issuer("priority-tracker-dev")
                .subject("mallory")
                .groups("ministry-admin")
                .audience("task-service")
                .jws()
                .keyId(TestTokens.KEY_ID)
                .sign(freshKey());
        given().auth()
                .oauth2(forged)
                .when()
                .get("/api/provinces")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        String foreign = Jwt.issuer("someone-else")
                .subject("x")
                .groups("viewer")
                .audience("task-service")
                .jws()
                .keyId(TestTokens.KEY_ID)
                .sign();
        given().auth().oauth2(foreign).when().get("/api/provinces").then().statusCode(401);
    }

    @Test
    void expiredTokenIs401() {
        long past = System.currentTimeMillis() / 1000 - 3600;
        String expired = Jwt.issuer("priority-tracker-dev")
                .subject("late")
                .groups("viewer")
                .issuedAt(past - 600)
                .expiresAt(past)
                .audience("task-service")
                .jws()
                .keyId(TestTokens.KEY_ID)
                .sign();
        given().auth().oauth2(expired).when().get("/api/provinces").then().statusCode(401);
    }

    @Test
    void tokenWithoutATrackerRoleIs403Problem() {
        given().auth()
                .oauth2(TestTokens.withoutRole())
                .when()
                .get("/api/provinces")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void everyTrackerRoleMayRead() {
        for (String role : new String[] {"ministry-admin", "ministry-reviewer", "viewer"}) {
            given().auth()
                    .oauth2(TestTokens.forRole(role))
                    .when()
                    .get("/api/provinces")
                    .then()
                    .statusCode(200);
        }
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .when()
                .get("/api/priorities")
                .then()
                .statusCode(200);
    }

    @Test
    void aBureausApproverReadsAsItsOfficersDoButChangesNothing() {
        String approver = TestTokens.forApprover("130000");
        for (String path : new String[] {
            "/api/priorities",
            "/api/priorities/P3",
            "/api/items",
            "/api/items/P3.2",
            "/api/items/P3.2/history",
            "/api/provinces",
            "/api/provinces/130000",
            "/api/plans",
            "/api/plans/2025"
        }) {
            given().auth().oauth2(approver).when().get(path).then().statusCode(200);
        }
        given().auth()
                .oauth2(approver)
                .contentType("application/json")
                .body("{\"to\": \"IN_PROGRESS\"}")
                .when()
                .post("/api/items/P3.2/transitions")
                .then()
                .statusCode(403);
    }

    @Test
    void operationalEndpointsStayOpen() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void apiResponsesCarryTheSecurityHeaders() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/priorities")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    private static java.security.PrivateKey freshKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
