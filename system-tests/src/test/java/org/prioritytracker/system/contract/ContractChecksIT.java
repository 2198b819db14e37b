package org.prioritytracker.system.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.prioritytracker.clients.task.model.Item;

/**
 * The contract tests' own checks, without a stack: each refuses what a service that drifted from its
 * document would answer, so that a check that finds nothing cannot pass for a service that agrees.
 */
class ContractChecksIT {

    private final DocumentedResponses documented = DocumentedResponses.of("progress-service");
    private final ObjectMapper strict = GeneratedClients.task("viewer").getObjectMapper();

    @Test
    void anUndeclaredStatusFails() {
        documented.assertDeclared("submitReport", 201);
        assertThrows(AssertionFailedError.class, () -> documented.assertDeclared("submitReport", 200));
        assertThrows(AssertionFailedError.class, () -> documented.assertDeclared("noSuchOperation", 200));
    }

    @Test
    void aHeaderMissingFromTheAnswerOrFromTheDocumentFails() {
        Map<String, List<String>> headers =
                Map.of("etag", List.of("\"1\""), "Content-Type", List.of("application/json"));
        assertEquals("\"1\"", documented.header("submitReport", 201, headers, "ETag"));
        assertThrows(AssertionFailedError.class, () -> documented.header("submitReport", 201, headers, "Location"));
        assertThrows(AssertionFailedError.class, () -> documented.header("listReportVersions", 200, headers, "ETag"));
    }

    @Test
    void anErrorThatIsNotAProblemFails() {
        Map<String, List<String>> plain = Map.of("Content-Type", List.of("text/plain"));
        assertThrows(AssertionFailedError.class, () -> documented.assertProblem("submitReport", 400, 400, plain));
        assertThrows(
                AssertionFailedError.class,
                () -> DocumentedResponses.assertNamesField(
                        "{\"status\":400,\"errors\":[{\"field\":\"period\",\"message\":\"must not be blank\"}]}",
                        "percentComplete"));
    }

    @Test
    void theGeneratedModelsRefuseARenamedFieldAndAnUndeclaredValue() {
        assertThrows(
                UnrecognizedPropertyException.class,
                () -> strict.readValue("{\"code\": \"P1.1\", \"titleCn\": \"x\"}", Item.class));
        assertThrows(
                JsonMappingException.class,
                () -> strict.readValue("{\"code\": \"P1.1\", \"status\": \"PAUSED\"}", Item.class));
    }
}
