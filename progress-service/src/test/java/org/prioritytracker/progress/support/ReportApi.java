package org.prioritytracker.progress.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.prioritytracker.testsupport.TestTokens;

/** Report calls as provincial staff make them. */
public final class ReportApi {

    public static final String JSON_UTF8 = "application/json; charset=UTF-8";

    private ReportApi() {}

    public static String body(String item, String period, double percent, String status) {
        return """
                {"itemCode": "%s", "period": "%s", "percentComplete": %s, "status": "%s",
                 "narrative": "全省推进情况良好。", "metrics": [{"name": "PM2.5年均浓度", "value": 31.5, "unit": "µg/m³"}]}""".formatted(item, period, percent, status);
    }

    public static ValidatableResponse submit(String province, String key, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forReporter(province))
                .contentType(JSON_UTF8)
                .body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/reports").then();
    }

    /** Submits and returns the new report's id, failing the test otherwise. */
    public static String create(String province, String item, String period, double percent, String status) {
        return submit(province, UUID.randomUUID().toString(), body(item, period, percent, status))
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An amendment of the version whose ETag is {@code ifMatch}, by the report's province. */
    public static ValidatableResponse amend(String province, String id, String ifMatch, String body) {
        return given().auth()
                .oauth2(TestTokens.forReporter(province))
                .contentType(JSON_UTF8)
                .header("If-Match", ifMatch)
                .body(body)
                .put("/api/reports/" + id)
                .then();
    }

    /** A review of the version whose ETag is {@code ifMatch} (null sends none). */
    public static ValidatableResponse review(String id, String ifMatch, String decision, String comment) {
        return decide(
                TestTokens.forRole("ministry-reviewer"), "/api/reports/" + id + "/review", ifMatch, decision, comment);
    }

    /** The bureau approver's decision on the version whose ETag is {@code ifMatch} (null sends none). */
    public static ValidatableResponse approve(
            String token, String id, String ifMatch, String decision, String comment) {
        return decide(token, "/api/reports/" + id + "/approval", ifMatch, decision, comment);
    }

    private static ValidatableResponse decide(
            String token, String path, String ifMatch, String decision, String comment) {
        String body = comment == null
                ? "{\"decision\": \"" + decision + "\"}"
                : "{\"decision\": \"" + decision + "\", \"comment\": \"" + comment + "\"}";
        var request = given().auth().oauth2(token).contentType(JSON_UTF8).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post(path).then();
    }
}
