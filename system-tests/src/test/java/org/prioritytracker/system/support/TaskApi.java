package org.prioritytracker.system.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Status changes through task-service's public API, as a ministry administrator. */
public final class TaskApi {

    private TaskApi() {
    }

    /**
     * Moves the item and returns its new version (the event's sequence). Like any client, it reads
     * the item again and retries when someone else (the overdue check, say) changed it in between.
     */
    public static long move(String code, String to, String reason) {
        String body = reason == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
        for (int attempt = 1; ; attempt++) {
            ExtractableResponse<Response> current = given().auth().oauth2(Tokens.of("ministry-admin"))
                    .get(SystemStack.TASK + "/api/items/" + code).then().statusCode(200).extract();
            ExtractableResponse<Response> moved = given().auth().oauth2(Tokens.of("ministry-admin")).contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag")).body(body)
                    .post(SystemStack.TASK + "/api/items/" + code + "/transitions").then().extract();
            if (moved.statusCode() != 412 || attempt == 5) {
                if (moved.statusCode() != 200) {
                    throw new AssertionError("Moving " + code + " to " + to + ": " + moved.statusCode() + " " + moved.asString());
                }
                return moved.jsonPath().getLong("version");
            }
        }
    }

    public static String status(String code) {
        return given().auth().oauth2(Tokens.of("viewer")).get(SystemStack.TASK + "/api/items/" + code)
                .then().statusCode(200).extract().path("status");
    }

    /** Brings the item to IN_PROGRESS from wherever earlier runs left it, so that it can alternate with AT_RISK. */
    public static void makeActive(String code) {
        switch (status(code)) {
            case "NOT_STARTED", "AT_RISK" -> move(code, "IN_PROGRESS", null);
            case "COMPLETED" -> move(code, "IN_PROGRESS", "system test reopens it");
            case "SUSPENDED" -> {
                String resumed = given().auth().oauth2(Tokens.of("viewer")).get(SystemStack.TASK + "/api/items/" + code)
                        .then().extract().path("nextStates[0]");
                move(code, resumed, null);
                makeActive(code);
            }
            default -> {
                // already IN_PROGRESS
            }
        }
    }

    /** The next move in an IN_PROGRESS / AT_RISK alternation. */
    public static long toggle(String code, int step) {
        return step % 2 == 0 ? move(code, "AT_RISK", "system test step " + step) : move(code, "IN_PROGRESS", null);
    }
}
