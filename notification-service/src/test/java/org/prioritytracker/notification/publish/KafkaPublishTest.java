package org.prioritytracker.notification.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.prioritytracker.notification.support.Events.BATCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.Events;
import org.prioritytracker.notification.support.KafkaBrokerResource;
import org.prioritytracker.notification.support.StoredEvents;
import org.prioritytracker.notification.support.TestTokens;
import org.prioritytracker.notification.support.TopicReader;

@QuarkusTest
class KafkaPublishTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    StoredEvents stored;

    @BeforeEach
    void reset() {
        stored.clear();
    }

    @Test
    void aReceivedEventIsOnTheTopicInBinaryModeKeyedBySubject() throws Exception {
        String id = UUID.randomUUID().toString();
        try (TopicReader topic = new TopicReader()) {
            deliver(Events.batch(Events.statusChanged(id, "P3.2", 7)));
            ConsumerRecord<String, byte[]> record = topic.readAtLeast(1, Duration.ofSeconds(20)).get(0);

            assertEquals("P3.2", record.key());
            assertEquals("1.0", header(record, "ce_specversion"));
            assertEquals(id, header(record, "ce_id"));
            assertEquals("/task-service", header(record, "ce_source"));
            assertEquals("tracker.item.status-changed", header(record, "ce_type"));
            assertEquals("P3.2", header(record, "ce_subject"));
            assertEquals("7", header(record, "ce_sequence"));
            assertEquals("application/json", header(record, "content-type"));
            JsonNode data = json.readTree(record.value());
            assertEquals("持续深入推进碧水保卫战", data.get("titleZh").asText());

            // What a dashboard built on the CloudEvents Java SDK sees.
            MessageReader reader = KafkaMessageFactory.createReader(record);
            CloudEvent event = reader.toEvent();
            assertEquals(id, event.getId());
            assertEquals("/task-service", event.getSource().toString());
            assertEquals("tracker.item.status-changed", event.getType());
            assertEquals("P3.2", event.getSubject());
            assertEquals("7", String.valueOf(event.getExtension("sequence")));
            assertEquals("application/json", event.getDataContentType());
            assertEquals("IN_PROGRESS", json.readTree(event.getData().toBytes()).get("to").asText());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stored.unpublished() == 0);
    }

    @Test
    void eachSubjectsEventsAreOnTheTopicInSequenceOrder() {
        List<String> subjects = List.of("P1.1", "P2.2", "P3.3", "P4.4");
        try (TopicReader topic = new TopicReader()) {
            for (int sequence = 2; sequence < 12; sequence++) {
                List<String> batch = new ArrayList<>();
                for (String subject : subjects) {
                    batch.add(Events.statusChanged(subject, sequence));
                }
                deliver(Events.batch(batch.toArray(String[]::new)));
            }
            List<ConsumerRecord<String, byte[]>> records = topic.readAtLeast(40, Duration.ofSeconds(30));
            for (String subject : subjects) {
                List<Long> sequences = records.stream().filter(r -> subject.equals(r.key()))
                        .map(r -> Long.parseLong(header(r, "ce_sequence"))).toList();
                assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), sequences, subject);
            }
        }
    }

    @Test
    void whileKafkaIsDownEventsAreAcceptedAndTheBacklogIsPublishedWhenItIsBack() {
        try (TopicReader topic = new TopicReader()) {
            KafkaBrokerResource.broker("stop");
            try {
                for (int sequence = 2; sequence < 22; sequence++) {
                    deliver(Events.batch(Events.statusChanged("P6.2", sequence)));
                }
                assertEquals(20, stored.count());
                JsonPath health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertEquals("DOWN", health.getString("checks.find { it.name == 'Kafka connection health check' }.status"));
                assertEquals("UP", health.getString("checks.find { it.name == 'Database connections health check' }.status"));
            } finally {
                KafkaBrokerResource.broker("start");
            }
            List<ConsumerRecord<String, byte[]>> records = topic.readUntil(
                    r -> r.stream().map(ConsumerRecord::key).filter("P6.2"::equals).count() >= 20, Duration.ofSeconds(60));
            List<Long> sequences = records.stream().filter(r -> "P6.2".equals(r.key()))
                    .map(r -> Long.parseLong(header(r, "ce_sequence"))).distinct().toList();
            List<Long> expected = new ArrayList<>();
            for (long sequence = 2; sequence < 22; sequence++) {
                expected.add(sequence);
            }
            assertEquals(expected, sequences);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stored.unpublished() == 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("Kafka connection health check")));
    }

    private static void deliver(String batch) {
        given().auth().oauth2(TestTokens.forRole("event-publisher")).contentType(BATCH)
                .body(batch).post("/internal/events").then().statusCode(200);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        assertNotNull(header, name + " missing");
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
