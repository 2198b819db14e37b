package org.prioritytracker.system.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/** The packaged services run in the prod profile: what is open there, and what needs a token. */
@ExtendWith(SystemStack.class)
class ProductionDefaultsIT {

    @Test
    void metricsNeedAnOperatorsTokenAndTheContractStaysPublic() {
        for (String service : List.of(SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION)) {
            given().get(service + "/q/metrics").then().statusCode(401);
            given().auth()
                    .oauth2(Tokens.of("viewer"))
                    .get(service + "/q/metrics")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .get(service + "/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("jvm_memory_used_bytes"));
            given().get(service + "/q/openapi").then().statusCode(200);
            given().get(service + "/q/health/ready").then().statusCode(200);
        }
    }

    /** The capture runs libs/debezium-patches' queue, not Debezium's original that it replaces. */
    @Test
    void theCaptureRunsThePatchedQueueAsShipped() {
        given().get(SystemStack.NOTIFICATION + "/q/health/ready")
                .then()
                .statusCode(200)
                .body(
                        "checks.find { it.name == 'Outbox capture' }.data.queue",
                        startsWith("patched copy of Debezium "));
    }

    /**
     * Each service became ready once warm (libs/warm-up): its pool's connections open, the compiler
     * settled or the deadline passed, and progress-service's catalogue loaded.
     */
    @Test
    void everyServiceWasReadyOnlyOnceWarm() {
        for (String service : List.of(SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION)) {
            given().get(service + "/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'Warm-up' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'Warm-up' }.data.connections", startsWith("done "))
                    // On a busy machine the compiler may still be busy at the deadline: ready then anyway.
                    .body(
                            "checks.find { it.name == 'Warm-up' }.data.compiler",
                            matchesPattern("done .*|given up at the deadline: .*"));
        }
        given().get(SystemStack.PROGRESS + "/q/health/ready")
                .then()
                .body("checks.find { it.name == 'Warm-up' }.data.catalogue", startsWith("done "));
    }
}
