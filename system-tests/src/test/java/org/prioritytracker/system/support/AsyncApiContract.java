package org.prioritytracker.system.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.prioritytracker.testsupport.TopicReader;

/**
 * The topic's contract as notification-service publishes it at /asyncapi.yaml: validates real
 * records (headers and data) against the JSON Schemas of their message type.
 */
public final class AsyncApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode document;

    private AsyncApiContract(JsonNode document) {
        this.document = document;
    }

    public static AsyncApiContract fetch() {
        return fetch(SystemStack.NOTIFICATION);
    }

    /** The contract as the notification-service at {@code notificationUrl} publishes it. */
    public static AsyncApiContract fetch(String notificationUrl) {
        String yaml = given().get(notificationUrl + "/asyncapi.yaml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return new AsyncApiContract(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new AssertionError("asyncapi.yaml is not valid YAML", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Returns the problems of a record against its message's header and payload schemas (empty when valid). */
    public Set<ValidationMessage> check(TopicReader.Received received) throws IOException {
        JsonNode message = messageFor(received.header("ce_type"));
        ObjectNode headers = JSON.createObjectNode();
        received.record()
                .headers()
                .forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        Set<ValidationMessage> problems = schema(message.get("headers")).validate(headers);
        problems.addAll(schema(message.get("payload"))
                .validate(JSON.readTree(received.record().value())));
        String key = received.record().key();
        problems.addAll(schema(message.at("/bindings/kafka/key"))
                .validate(JSON.getNodeFactory().textNode(key)));
        return problems;
    }

    private JsonNode messageFor(String type) {
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        document.at("/components/messages").fields();
                it.hasNext(); ) {
            JsonNode message = it.next().getValue();
            if (type.equals(message.path("name").asText())) {
                return message;
            }
        }
        throw new AssertionError("asyncapi.yaml describes no message of type " + type);
    }

    /** A JSON Schema (draft 2020-12, AsyncAPI 3's default) whose $refs resolve inside the document. */
    private JsonSchema schema(JsonNode node) {
        ObjectNode root = document.deepCopy();
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", root.get("components"));
        schema.setAll((ObjectNode) node.deepCopy());
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
    }
}
