package org.prioritytracker.system.operations;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.testsupport.Scripts;

/**
 * The topic's contract, as notification-service publishes it, passes the AsyncAPI Initiative's own
 * parser (what the AsyncAPI CLI and generator run first) with no error and no warning
 * ({@code deploy/local/asyncapi validate}; its output is in asyncapi.log beside the stack's logs).
 */
@ExtendWith(SystemStack.class)
class AsyncApiDocumentIT {

    @Test
    void theTopicsAsyncApiDocumentIsValid() throws IOException {
        String document = given().get(SystemStack.NOTIFICATION + "/asyncapi.yaml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path file = SystemStack.STACK_DIR.resolve("asyncapi.yaml");
        Files.writeString(file, document);
        Path log = SystemStack.STACK_DIR.resolve("asyncapi.log");
        Files.deleteIfExists(log);
        try {
            Scripts.run("asyncapi", List.of("validate", file.toString()), Map.of(), log);
        } catch (IllegalStateException e) {
            throw new AssertionError("asyncapi.yaml did not pass the AsyncAPI parser:\n" + Files.readString(log), e);
        }
    }
}
