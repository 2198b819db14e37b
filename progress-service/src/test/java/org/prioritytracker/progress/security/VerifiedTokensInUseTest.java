package org.prioritytracker.progress.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.testsupport.TestTokens;
import org.prioritytracker.tokencache.VerifiedTokens;

/** Requests are authenticated through the verified-token cache, and it never lets a bad token through. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class VerifiedTokensInUseTest {

    @Inject
    JWTParser parser;

    @Test
    void theServiceParsesTokensThroughTheCache() {
        assertInstanceOf(VerifiedTokens.class, parser);
    }

    @Test
    void aTokenWorksOnEveryRequestUntilItExpiresAndAForgedOneNever() {
        String token = TestTokens.forRole("viewer");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/reports").then().statusCode(200);
        }
        String forged =
                token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/reports").then().statusCode(401);
        given().auth().oauth2(forged).get("/api/reports").then().statusCode(401);
        String expired = TestTokens.forReporter("130000", Instant.now().minusSeconds(120));
        given().auth().oauth2(expired).get("/api/reports").then().statusCode(401);
    }
}
