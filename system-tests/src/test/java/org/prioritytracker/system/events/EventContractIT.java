package org.prioritytracker.system.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AsyncApiContract;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.TopicReader;

/**
 * Every event type the system publishes, caused through the public APIs as users cause them, reaches
 * the topic as a valid CloudEvent that matches the topic's contract (asyncapi.yaml).
 */
@ExtendWith(SystemStack.class)
class EventContractIT {

    private static final Set<String> TYPES = Set.of(
            "tracker.item.status-changed",
            "tracker.item.overdue",
            "tracker.item.updated",
            "tracker.item.created",
            "tracker.item.archived",
            "tracker.priority.created",
            "tracker.priority.updated",
            "tracker.priority.archived",
            "tracker.plan.created",
            "tracker.report.submitted",
            "tracker.report.reviewed",
            "tracker.province-progress.changed",
            "tracker.province.deactivated",
            "tracker.province.reactivated");
    /** A plan for a year ahead: it never becomes the current one, so the other tests keep 2025's catalogue. */
    private static final int PLAN_AHEAD = 2031;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aStatusChangeArrivesAsTheCloudEventTheReadmeDescribes() throws Exception {
        TaskApi.makeActive("P3.2");
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            long version = TaskApi.move("P3.2", "AT_RISK", "汛期水质波动，部分断面不达标");
            TopicReader.Received received = topic
                    .readUntil(
                            r -> TopicReader.deliveries(r, "/task-service", "P3.2")
                                    .sequences()
                                    .contains(version),
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> "P3.2".equals(r.header("ce_subject")) && r.sequence() == version)
                    .findFirst()
                    .orElseThrow();

            CloudEvent event =
                    KafkaMessageFactory.createReader(received.record()).toEvent();
            assertEquals("tracker.item.status-changed", event.getType());
            assertEquals("/task-service", event.getSource().toString());
            assertEquals("P3.2", event.getSubject());
            assertEquals(String.valueOf(version), String.valueOf(event.getExtension("sequence")));
            assertEquals("P3.2", received.record().key());
            JsonNode data = json.readTree(event.getData().toBytes());
            assertEquals("IN_PROGRESS", data.get("from").asText());
            assertEquals("AT_RISK", data.get("to").asText());
            assertEquals("汛期水质波动，部分断面不达标", data.get("reason").asText());
            // The signed-in person's name (Keycloak's preferred_username of the development user admin).
            assertEquals("admin", data.get("actor").asText());
        }
    }

    @Test
    void everyEventTypeMatchesTheTopicsContract() throws Exception {
        AsyncApiContract contract = AsyncApiContract.fetch();
        Set<String> checked = new TreeSet<>();
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            // tracker.item.status-changed
            TaskApi.makeActive("P4.3");
            TaskApi.move("P4.3", "AT_RISK", "契约测试");
            // tracker.item.updated (each dueOn below), and tracker.item.overdue: a due date that has passed, which the
            // overdue check (every 3 s here) flags
            dueOn("P8.4", "2030-12-31");
            dueOn("P8.4", "2025-01-31");
            // tracker.report.submitted and tracker.province-progress.changed, then tracker.report.reviewed
            String report = ReportApi.submitOrAmend("510000", "P4.3", "2025-Q3", 62.5, "AT_RISK", "系统测试：四川省进展");
            ReportApi.review(report, "RETURNED", "请补充数据");
            // tracker.plan.created, tracker.priority.created and tracker.item.created: a plan imported with the CLI;
            // then tracker.priority.updated, and tracker.item.archived with tracker.priority.archived
            importPlanAhead();
            given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .contentType("application/merge-patch+json")
                    .header("If-Match", "\"1\"")
                    .body("{\"titleEn\": \"Renamed in the contract test\"}")
                    .patch(SystemStack.TASK + "/api/priorities/" + PLAN_AHEAD + "-P1")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .contentType(ContentType.JSON)
                    .header("If-Match", "\"1\"")
                    .body("{\"reason\": \"契约测试\"}")
                    .post(SystemStack.TASK + "/api/priorities/" + PLAN_AHEAD + "-P2/archive")
                    .then()
                    .statusCode(200);

            // tracker.province.deactivated and tracker.province.reactivated: back as it was for the other tests
            bureauStatus("650000", "deactivate", "\"1\"");
            bureauStatus("650000", "reactivate", "\"2\"");

            List<TopicReader.Received> records = topic.readUntil(
                    r -> r.stream()
                            .map(x -> x.header("ce_type"))
                            .collect(java.util.stream.Collectors.toSet())
                            .containsAll(TYPES),
                    Duration.ofSeconds(60));
            for (TopicReader.Received record : records) {
                var problems = contract.check(record);
                assertTrue(
                        problems.isEmpty(),
                        record.header("ce_type") + " " + record.id() + " against asyncapi.yaml: " + problems);
                KafkaMessageFactory.createReader(record.record()).toEvent();
                checked.add(record.header("ce_type"));
            }
            TopicReader.Received reviewed = records.stream()
                    .filter(r -> "tracker.report.reviewed".equals(r.header("ce_type")))
                    .findFirst()
                    .orElseThrow();
            assertEquals("510000", reviewed.header("ce_province"), "report events name their province");
        }
        assertEquals(TYPES, checked, "every type was checked against the contract");
    }

    /** Imports the example plan, moved to {@link #PLAN_AHEAD}, with deploy/local/plan as the ministry would. */
    private static void importPlanAhead() throws IOException {
        TaskApi.importExamplePlan(PLAN_AHEAD);
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/plans/" + PLAN_AHEAD + "/priorities")
                .then()
                .statusCode(200)
                .body("code", contains(PLAN_AHEAD + "-P1", PLAN_AHEAD + "-P2"));
    }

    private static void bureauStatus(String province, String action, String version) {
        given().auth()
                .oauth2(Tokens.of("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", version)
                .body("{\"reason\": \"契约测试\"}")
                .post(SystemStack.TASK + "/api/provinces/" + province + "/" + action)
                .then()
                .statusCode(200);
    }

    private static void dueOn(String code, String date) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String etag = given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .get(SystemStack.TASK + "/api/items/" + code)
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            int status = given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .contentType(ContentType.JSON)
                    .header("If-Match", etag)
                    .body("{\"dueDate\": \"" + date + "\"}")
                    .patch(SystemStack.TASK + "/api/items/" + code)
                    .then()
                    .extract()
                    .statusCode();
            if (status == 200) {
                return;
            }
            assertEquals(412, status, "the overdue check moved the item in between");
        }
        throw new AssertionError("Could not set the due date of " + code);
    }
}
