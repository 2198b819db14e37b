package org.prioritytracker.notification.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class BrowserHardeningTest {

    @Test
    void theStreamCookieIsSetByTheServerHttpOnlyAndOnlyForTheStream() {
        String cookie = given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .post("/api/session")
                .then()
                .statusCode(204)
                .extract()
                .header("Set-Cookie");
        org.hamcrest.MatcherAssert.assertThat(
                cookie,
                allOf(
                        containsString("tracker_token=ey"),
                        containsString("HttpOnly"),
                        containsString("SameSite=Strict"),
                        containsString("Path=/api/events"),
                        containsString("Max-Age="),
                        not(containsString("Max-Age=0;")),
                        not(containsString("Secure"))));
        given().post("/api/session").then().statusCode(401);
        given().delete("/api/session").then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void theDashboardAllowsOnlyItsOwnScriptsAndStyles() {
        given().get("/")
                .then()
                .statusCode(200)
                .header(
                        "Content-Security-Policy",
                        allOf(
                                containsString("script-src 'self'"),
                                containsString("style-src 'self'"),
                                containsString("frame-ancestors 'none'"),
                                containsString("connect-src 'self' http://127.0.0.1:8081"),
                                not(containsString("unsafe-inline")),
                                not(containsString("unsafe-eval"))))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        given().get("/dashboard/app.js")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void theDataEntryAndReviewPagesAreHeldToTheSamePolicy() {
        for (String page :
                new String[] {"/entry/", "/entry/entry.js", "/review/", "/review/review.js", "/dashboard/common.js"}) {
            given().get(page)
                    .then()
                    .statusCode(200)
                    .header(
                            "Content-Security-Policy",
                            allOf(
                                    containsString("script-src 'self'"),
                                    containsString("connect-src 'self' http://127.0.0.1:8081 http://127.0.0.1:8082"),
                                    not(containsString("unsafe-inline"))))
                    .header("X-Frame-Options", equalTo("DENY"));
        }
        // No inline script or style: the policy would refuse them.
        given().get("/entry/").then().body(not(containsString("<script>")), not(containsString("style=")));
        given().get("/review/").then().body(not(containsString("<script>")), not(containsString("style=")));
    }

    @Test
    void theApisAnswerWithDataThatCanNeitherRunNorBeFramed() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/events")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
