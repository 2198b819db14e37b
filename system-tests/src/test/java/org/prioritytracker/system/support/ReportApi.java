package org.prioritytracker.system.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.UUID;

/** Reports through progress-service's public API, as provincial staff and ministry reviewers. */
public final class ReportApi {

    private static final String JSON = "application/json; charset=UTF-8";

    private ReportApi() {}

    /** Submits the report, or amends the one an earlier test left for the same item and period; returns its id. */
    public static String submitOrAmend(
            String province, String item, String period, double percent, String status, String narrative) {
        String body = """
                {"itemCode": "%s", "period": "%s", "percentComplete": %s, "status": "%s", "narrative": "%s",
                 "metrics": [{"name": "项目环评审批数", "value": 12, "unit": "个"}]}""".formatted(item, period, percent, status, narrative);
        String token = Tokens.of("provincial-reporter", province);
        ExtractableResponse<Response> created = given().auth()
                .oauth2(token)
                .contentType(JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post(SystemStack.PROGRESS + "/api/reports")
                .then()
                .extract();
        if (created.statusCode() == 201) {
            return created.path("id");
        }
        assertEquals(409, created.statusCode(), created.asString());
        String location = created.header("Location");
        ExtractableResponse<Response> existing = given().auth()
                .oauth2(token)
                .get(location)
                .then()
                .statusCode(200)
                .extract();
        return given().auth()
                .oauth2(token)
                .contentType(JSON)
                .header("If-Match", existing.header("ETag"))
                .body(body)
                .put(location)
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    /** The JSON body of a new report (status ON_TRACK, no metrics), as the fault tests and the mixed load send it. */
    public static String body(String item, String period, int percent, String narrative) {
        return """
                {"itemCode":"%s","period":"%s","percentComplete":%d,"status":"ON_TRACK","narrative":"%s"}""".formatted(item, period, percent, narrative);
    }

    public static void review(String id, String decision, String comment) {
        String body = comment == null
                ? "{\"decision\": \"" + decision + "\"}"
                : "{\"decision\": \"" + decision + "\", \"comment\": \"" + comment + "\"}";
        String reviewer = Tokens.of("ministry-reviewer");
        String etag = given().auth()
                .oauth2(reviewer)
                .get(SystemStack.PROGRESS + "/api/reports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().auth()
                .oauth2(reviewer)
                .contentType(JSON)
                .header("If-Match", etag)
                .body(body)
                .post(SystemStack.PROGRESS + "/api/reports/" + id + "/review")
                .then()
                .statusCode(200);
    }
}
