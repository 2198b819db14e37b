package org.prioritytracker.system.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AsyncApiContract;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.system.support.Topic;

@ExtendWith(SystemStack.class)
class ReportEventIT {

    private static final String PROVINCE = "510000";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReportInProgressServiceArrivesOnTheTopicAsAValidCloudEvent() throws Exception {
        try (Topic topic = new Topic()) {
            String reportId = submitOrAmend("P4.3", "2025-Q3", 62.5);
            List<Topic.Received> records = topic.readUntil(r -> r.stream().anyMatch(x -> isSubmission(x, reportId)),
                    Duration.ofSeconds(30));
            Topic.Received received = records.stream().filter(x -> isSubmission(x, reportId)).findFirst().orElseThrow();

            CloudEvent event = KafkaMessageFactory.createReader(received.record()).toEvent();
            assertEquals("/progress-service", event.getSource().toString());
            assertEquals("tracker.report.submitted", event.getType());
            assertEquals("P4.3", event.getSubject());
            JsonNode data = json.readTree(event.getData().toBytes());
            assertEquals(PROVINCE, data.get("provinceCode").asText());
            assertEquals("2025-Q3", data.get("period").asText());
            assertEquals(62.5, data.get("percentComplete").asDouble());

            var problems = AsyncApiContract.fetch().check(received);
            assertTrue(problems.isEmpty(), "against asyncapi.yaml: " + problems);
            records.stream().filter(x -> "/progress-service".equals(x.header("ce_source"))).forEach(x -> {
                try {
                    var other = AsyncApiContract.fetch().check(x);
                    assertTrue(other.isEmpty(), x.header("ce_type") + " against asyncapi.yaml: " + other);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private boolean isSubmission(Topic.Received received, String reportId) {
        try {
            return "tracker.report.submitted".equals(received.header("ce_type"))
                    && reportId.equals(json.readTree(received.record().value()).path("reportId").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Submits the report; when an earlier run left one for the same period, amends that one instead. */
    private static String submitOrAmend(String item, String period, double percent) {
        String body = """
                {"itemCode": "%s", "period": "%s", "percentComplete": %s, "status": "ON_TRACK",
                 "narrative": "系统测试：四川省进展", "metrics": [{"name": "项目环评审批数", "value": 12, "unit": "个"}]}"""
                .formatted(item, period, percent);
        String token = Tokens.of("provincial-reporter", PROVINCE);
        ExtractableResponse<Response> created = given().auth().oauth2(token).contentType("application/json; charset=UTF-8")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post(SystemStack.PROGRESS + "/api/reports").then().extract();
        if (created.statusCode() == 201) {
            return created.path("id");
        }
        assertEquals(409, created.statusCode(), created.asString());
        String location = created.header("Location");
        ExtractableResponse<Response> existing = given().auth().oauth2(token).get(location).then().statusCode(200).extract();
        return given().auth().oauth2(token).contentType("application/json; charset=UTF-8")
                .header("If-Match", existing.header("ETag")).body(body)
                .put(location).then().statusCode(200).extract().path("id");
    }
}
