package org.prioritytracker.task.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.TestTokens;

/** The dashboard (served by notification-service) calls this API from the browser; no other site may. */
@QuarkusTest
class CorsTest {

    private static final String DASHBOARD = "http://127.0.0.1:8083";

    @Test
    void theDashboardsOriginMayCallTheApiWithItsHeaders() {
        given().header("Origin", DASHBOARD)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                .options("/api/items/P3.2/transitions")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(DASHBOARD))
                .header("Access-Control-Allow-Headers", containsString("If-Match"));
        given().header("Origin", DASHBOARD)
                .auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P3.2")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(DASHBOARD))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }

    @Test
    void anotherSiteMayNot() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/items/P3.2/transitions")
                .then()
                .header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")));
        given().header("Origin", "https://evil.example")
                .auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P3.2")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
