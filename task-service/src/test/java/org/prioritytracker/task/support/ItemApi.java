package org.prioritytracker.task.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.prioritytracker.testsupport.TestTokens;

/** The item calls the tests make, as a ministry administrator unless they say otherwise. */
public final class ItemApi {

    private ItemApi() {}

    public static String etag(String code) {
        return given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/" + code)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    public static ValidatableResponse transition(String code, String etag, String to, String reason) {
        String body =
                reason == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
        return transitionRaw(code, etag, body);
    }

    public static ValidatableResponse transitionRaw(String code, String etag, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.post("/api/items/" + code + "/transitions").then();
    }

    /** Moves the item and returns its new ETag, failing the test if the move is refused. */
    public static String move(String code, String to, String reason) {
        return transition(code, etag(code), to, reason)
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    /**
     * Moves the item between IN_PROGRESS and AT_RISK, whichever it is not in, as a client that races
     * others would: on 412 it reads the item again and retries.
     */
    public static void toggle(String code, String reason) {
        for (int attempt = 0; attempt < 100; attempt++) {
            var current = given().auth()
                    .oauth2(TestTokens.forRole("viewer"))
                    .get("/api/items/" + code)
                    .then()
                    .statusCode(200)
                    .extract();
            String to = "IN_PROGRESS".equals(current.path("status")) ? "AT_RISK" : "IN_PROGRESS";
            int status = transition(code, current.header("ETag"), to, to.equals("AT_RISK") ? reason : null)
                    .extract()
                    .statusCode();
            if (status == 200) {
                return;
            }
            if (status != 412) {
                throw new AssertionError("Moving " + code + " to " + to + " answered " + status);
            }
        }
        throw new AssertionError("No move of " + code + " went through in 100 attempts");
    }
}
