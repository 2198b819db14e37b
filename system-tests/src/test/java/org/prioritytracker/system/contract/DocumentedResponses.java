package org.prioritytracker.system.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prioritytracker.testsupport.Scripts;

/**
 * What a service's OpenAPI document, as its build stored it and the clients were generated from it,
 * declares about each operation's answers: the contract tests hold every answer against it, so that
 * a status or header the service sends but the document leaves out fails them.
 */
final class DocumentedResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final JsonNode document;

    private DocumentedResponses(String service, JsonNode document) {
        this.service = service;
        this.document = document;
    }

    /** The document of the module (task-service, ...) in its target/openapi. */
    static DocumentedResponses of(String module) {
        return new DocumentedResponses(module, read(storedDocument(module)));
    }

    static Path storedDocument(String module) {
        return Scripts.ROOT.resolve(module).resolve("target/openapi/openapi.json");
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing or not JSON: build the service first", e);
        }
    }

    /** Fails unless the operation declares the status among its responses. */
    void assertDeclared(String operationId, int status) {
        assertFalse(
                response(operationId, status).isMissingNode(),
                service + ": " + operationId + " answered " + status + ", which its document does not declare");
    }

    /**
     * The header's value, failing unless the operation declares it on this status and the answer
     * carries it: a client that reads it (an ETag for If-Match, a Location) relies on both.
     */
    String header(String operationId, int status, Map<String, List<String>> headers, String name) {
        assertDeclared(operationId, status);
        assertTrue(
                response(operationId, status).path("headers").has(name),
                service + ": " + operationId + "'s " + status + " does not declare the header " + name);
        Optional<String> value = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .flatMap(header -> header.getValue().stream())
                .findFirst();
        assertTrue(
                value.isPresent(),
                service + ": " + operationId + " answered " + status + " without its header " + name);
        return value.get();
    }

    /** Fails unless the failure is a declared status answered as application/problem+json. */
    void assertProblem(String operationId, int status, int expected, Map<String, List<String>> headers) {
        assertEquals(expected, status, service + ": " + operationId);
        assertDeclared(operationId, status);
        String contentType = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .orElse("");
        assertTrue(
                contentType.startsWith("application/problem+json"),
                service + ": " + operationId + " answered " + status + " as '" + contentType + "', not as a problem");
    }

    /** Fails unless the problem's errors name the field. */
    static void assertNamesField(String problemBody, String field) {
        try {
            List<String> fields = JSON.readTree(problemBody).path("errors").findValuesAsText("field");
            assertTrue(fields.contains(field), "the problem does not name " + field + ": " + problemBody);
        } catch (IOException e) {
            throw new AssertionError("the problem is not JSON: " + problemBody, e);
        }
    }

    private JsonNode response(String operationId, int status) {
        JsonNode operation = operation(operationId);
        assertNotNull(operation, service + "'s document has no operation " + operationId);
        return operation.path("responses").path(Integer.toString(status));
    }

    private JsonNode operation(String operationId) {
        for (JsonNode pathItem : document.path("paths")) {
            for (JsonNode operation : pathItem) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    return operation;
                }
            }
        }
        return null;
    }
}
