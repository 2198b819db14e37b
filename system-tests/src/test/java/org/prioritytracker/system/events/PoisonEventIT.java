package org.prioritytracker.system.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.TopicReader;

/** No event, however large, can stop the stream: it goes to the dead letters and the rest flows on. */
@ExtendWith(SystemStack.class)
class PoisonEventIT {

    @Test
    void aOnePointFiveMegabyteEventInAnOutboxHoldsNothingBack() throws Exception {
        TaskApi.makeActive("P7.2");
        String poison = UUID.randomUUID().toString();
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            // Written past task-service's own checks, as a buggy release or a hand-made row could.
            try (Connection tasks = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:5432/tasks_e2e", "tasks_e2e", "tasks_e2e-local");
                    PreparedStatement insert = tasks.prepareStatement("""
                            INSERT INTO outbox_event (id, source, type, subject, time, sequence, data)
                            VALUES (CAST(? AS uuid), '/task-service', 'tracker.item.status-changed', 'P7.2', ?, 0, CAST(? AS jsonb))""")) {
                insert.setString(1, poison);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.setString(3, "{\"text\": \"" + "x".repeat(1_500_000) + "\"}");
                insert.executeUpdate();
            }
            long version = TaskApi.move("P7.2", "AT_RISK", "毒事件之后");
            Instant answered = Instant.now();
            List<TopicReader.Received> records = topic.readUntil(
                    r -> TopicReader.deliveries(r, "/task-service", "P7.2")
                            .sequences()
                            .contains(version),
                    Duration.ofSeconds(5));
            TopicReader.Received arrived = records.stream()
                    .filter(r -> "P7.2".equals(r.header("ce_subject")) && r.sequence() == version)
                    .findFirst()
                    .orElseThrow();
            assertTrue(Duration.between(answered, arrived.at()).toMillis() < 5_000);
            assertTrue(records.stream().noneMatch(r -> poison.equals(r.id())));
        }
        JsonPath letters = given().auth()
                .oauth2(Tokens.of("ministry-admin"))
                .get(SystemStack.NOTIFICATION + "/api/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(letters.getList("id").contains(poison), "the poison event waits in the dead letters");
    }

    @Test
    void aOnePointFiveMegabyteRequestIsRefusedAtTheDoorAndTheNextChangeFlows() {
        TaskApi.makeActive("P7.3");
        given().auth()
                .oauth2(Tokens.of("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"to\": \"AT_RISK\", \"reason\": \"" + "x".repeat(1_500_000) + "\"}")
                .post(SystemStack.TASK + "/api/items/P7.3/transitions")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
        try (TopicReader topic = new TopicReader(SystemStack.KAFKA, SystemStack.TOPIC)) {
            long version = TaskApi.move("P7.3", "AT_RISK", "正常的原因");
            topic.readUntil(
                    r -> TopicReader.deliveries(r, "/task-service", "P7.3")
                            .sequences()
                            .contains(version),
                    Duration.ofSeconds(5));
        }
    }
}
