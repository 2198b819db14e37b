package org.prioritytracker.task.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The item calls the tests make, as a ministry administrator unless they say otherwise. */
public final class ItemApi {

    private ItemApi() {
    }

    public static String etag(String code) {
        return given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/items/" + code)
                .then().statusCode(200).extract().header("ETag");
    }

    public static ValidatableResponse transition(String code, String etag, String to, String reason) {
        String body = reason == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
        return transitionRaw(code, etag, body);
    }

    public static ValidatableResponse transitionRaw(String code, String etag, String body) {
        var request = given().auth().oauth2(TestTokens.forRole("ministry-admin")).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.post("/api/items/" + code + "/transitions").then();
    }

    /** Moves the item and returns its new ETag, failing the test if the move is refused. */
    public static String move(String code, String to, String reason) {
        return transition(code, etag(code), to, reason).statusCode(200).extract().header("ETag");
    }
}
