package org.prioritytracker.system.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.AsyncApiContract;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Topic;

@ExtendWith(SystemStack.class)
class StatusChangeEventIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aStatusChangeInTaskServiceArrivesOnTheTopicAsAValidCloudEvent() throws Exception {
        TaskApi.makeActive("P3.2");
        try (Topic topic = new Topic()) {
            long version = TaskApi.move("P3.2", "AT_RISK", "汛期水质波动，部分断面不达标");
            List<Topic.Received> records = topic.readUntil(r -> Topic.of(r, "/task-service", "P3.2").stream()
                    .anyMatch(x -> x.sequence() == version), Duration.ofSeconds(30));
            Topic.Received received = Topic.of(records, "/task-service", "P3.2").stream()
                    .filter(x -> x.sequence() == version).findFirst().orElseThrow();

            CloudEvent event = KafkaMessageFactory.createReader(received.record()).toEvent();
            assertEquals("tracker.item.status-changed", event.getType());
            assertEquals("/task-service", event.getSource().toString());
            assertEquals("P3.2", event.getSubject());
            assertEquals(String.valueOf(version), String.valueOf(event.getExtension("sequence")));
            assertEquals("P3.2", received.record().key());
            JsonNode data = json.readTree(event.getData().toBytes());
            assertEquals("IN_PROGRESS", data.get("from").asText());
            assertEquals("AT_RISK", data.get("to").asText());
            assertEquals("汛期水质波动，部分断面不达标", data.get("reason").asText());
            assertEquals("ministry-admin", data.get("actor").asText());

            var problems = AsyncApiContract.fetch().check(received);
            assertTrue(problems.isEmpty(), "against asyncapi.yaml: " + problems);
        }
    }
}
