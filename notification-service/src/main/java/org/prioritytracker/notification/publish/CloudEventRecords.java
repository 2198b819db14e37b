package org.prioritytracker.notification.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps a structured CloudEvent to a Kafka record in the CloudEvents Kafka protocol binding's binary
 * content mode: attributes as {@code ce_*} headers, {@code content-type} from datacontenttype, the
 * data as the value, and the subject as the key so that one item's events share a partition.
 */
final class CloudEventRecords {

    private static final Set<String> NOT_HEADERS = Set.of("data", "data_base64", "datacontenttype");

    private CloudEventRecords() {
    }

    static ProducerRecord<String, byte[]> toRecord(String topic, JsonNode event) {
        RecordHeaders headers = new RecordHeaders();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (!NOT_HEADERS.contains(attribute.getKey()) && !attribute.getValue().isNull()) {
                headers.add("ce_" + attribute.getKey(), attribute.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        headers.add("content-type", event.path("datacontenttype").asText("application/json").getBytes(StandardCharsets.UTF_8));
        JsonNode data = event.get("data");
        byte[] value = data == null || data.isNull() ? null : data.toString().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, event.get("subject").asText(), value, headers);
    }
}
