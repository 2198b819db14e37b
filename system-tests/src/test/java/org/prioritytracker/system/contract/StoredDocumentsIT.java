package org.prioritytracker.system.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prioritytracker.system.support.SystemStack;

/**
 * The clients are generated from the documents the services' builds store: they are the ones the
 * running services serve, servers entry included (the local default when no TRACKER_OPENAPI_SERVER).
 */
@ExtendWith(SystemStack.class)
class StoredDocumentsIT {

    @ParameterizedTest
    @CsvSource({
        "task-service, " + SystemStack.TASK,
        "progress-service, " + SystemStack.PROGRESS,
        "notification-service, " + SystemStack.NOTIFICATION
    })
    void theStoredDocumentIsTheServedOne(String module, String service) throws IOException {
        JsonNode served = new ObjectMapper()
                .readTree(given().get(service + "/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertEquals(
                DocumentedResponses.read(DocumentedResponses.storedDocument(module)),
                served,
                module + "/target/openapi/openapi.json differs from " + service + "/q/openapi");
    }
}
