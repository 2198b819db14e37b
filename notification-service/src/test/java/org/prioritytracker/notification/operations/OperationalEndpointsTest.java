package org.prioritytracker.notification.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.testsupport.TestBrokerResource;

@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class OperationalEndpointsTest {

    @Test
    void liveAndReadyWithTheDatabaseKafkaAndTheCapture() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> given().when()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItem("Database connections health check"))
                        .body("checks.name", hasItem("Kafka connection health check"))
                        .body("checks.find { it.name == 'Outbox capture' }.data.tasks", equalTo("STREAMING"))
                        .body("checks.find { it.name == 'Outbox capture' }.data.progress", equalTo("STREAMING")));
    }

    @Test
    void openApiMetricsAndSwaggerUiAreOpen() {
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
