package org.prioritytracker.task.item;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class TransitionTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void movesTheItemAndAnswersItsNewETag() {
        ItemApi.transition("P3.2", "\"1\"", "IN_PROGRESS", null)
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("IN_PROGRESS"))
                .body("version", equalTo(2))
                .body("updatedAt", notNullValue());
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P3.2")
                .then()
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void theWholeWorkflowWithHistoryNewestFirst() {
        ItemApi.move("P1.1", "IN_PROGRESS", null);
        ItemApi.move("P1.1", "AT_RISK", "进度滞后");
        ItemApi.move("P1.1", "IN_PROGRESS", null);
        ItemApi.move("P1.1", "COMPLETED", null);
        ItemApi.move("P1.1", "IN_PROGRESS", "复核发现问题，重新开展");
        ItemApi.move("P1.1", "COMPLETED", null);

        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P1.1/history")
                .then()
                .statusCode(200)
                .body("$", hasSize(6))
                .body("to", contains("COMPLETED", "IN_PROGRESS", "COMPLETED", "IN_PROGRESS", "AT_RISK", "IN_PROGRESS"))
                .body(
                        "from",
                        contains("IN_PROGRESS", "COMPLETED", "IN_PROGRESS", "AT_RISK", "IN_PROGRESS", "NOT_STARTED"))
                .body("version", contains(7, 6, 5, 4, 3, 2))
                .body("[1].reason", equalTo("复核发现问题，重新开展"))
                .body("[0].actor", equalTo("test-ministry-admin"))
                .body("[0].changedAt", startsWith("20"));
    }

    @Test
    void aSuspendedItemResumesOnlyToTheStateItLeft() {
        ItemApi.move("P2.1", "IN_PROGRESS", null);
        ItemApi.move("P2.1", "AT_RISK", "资金未到位");
        String etag = ItemApi.move("P2.1", "SUSPENDED", "等待上级决定");
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P2.1")
                .then()
                .body("nextStates", contains("AT_RISK"));

        ItemApi.transition("P2.1", etag, "IN_PROGRESS", null)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("to"));
        ItemApi.transition("P2.1", etag, "AT_RISK", "恢复").statusCode(200).body("status", equalTo("AT_RISK"));
    }

    @Test
    void aMoveTheWorkflowForbidsIs409AndChangesNothing() {
        ItemApi.transition("P4.4", "\"1\"", "COMPLETED", null)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("NOT_STARTED -> COMPLETED"));
        ItemApi.transition("P4.4", "\"1\"", "NOT_STARTED", null).statusCode(409);
        assertUnchanged("P4.4");
    }

    @Test
    void aReasonIsRequiredForAtRiskSuspendedAndReopening() {
        ItemApi.move("P6.1", "IN_PROGRESS", null);
        ItemApi.transition("P6.1", "\"2\"", "AT_RISK", null)
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("reason"));
        ItemApi.transition("P6.1", "\"2\"", "SUSPENDED", "   ")
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        ItemApi.move("P6.1", "COMPLETED", null);
        ItemApi.transition("P6.1", "\"3\"", "IN_PROGRESS", null)
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P6.1/history")
                .then()
                .body("$", hasSize(2));
    }

    @Test
    void withoutIfMatchIs428AndWithAStaleOneIs412() {
        ItemApi.transition("P7.1", null, "IN_PROGRESS", null)
                .statusCode(428)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        ItemApi.transition("P7.1", "\"7\"", "IN_PROGRESS", null)
                .statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("\"1\""));
        assertUnchanged("P7.1");
    }

    @Test
    void unknownItemIs404() {
        ItemApi.transition("P9.1", "\"1\"", "IN_PROGRESS", null)
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void badBodiesAre400NamingTheFieldAndStoreNothing() {
        ItemApi.transitionRaw("P8.1", "\"1\"", "{\"to\": \"DONE\"}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("to"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "{\"to\": 5}").statusCode(400).body("errors[0].field", equalTo("to"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "{}").statusCode(400).body("errors[0].field", equalTo("to"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "{\"to\": \"IN_PROGRESS\", \"colour\": \"red\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "{\"to\": \"IN_PROGRESS\",")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "[1, 2]")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "").statusCode(400).contentType(startsWith("application/problem+json"));
        ItemApi.transition("P8.1", "\"1\"", "IN_PROGRESS", "x".repeat(2001))
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        ItemApi.transitionRaw("P8.1", "\"1\"", "{\"to\": \"IN_PROGRESS\", \"reason\": \"a\\u0000b\"}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("reason"));
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P8%001")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("code"));
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?priority=P%00")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("priority"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?page=21474837&size=100")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"to\": \"IN_PROGRESS\", \"reason\": \"" + "A".repeat(400_000) + "\"}")
                .post("/api/items/P8.1/transitions")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
        assertUnchanged("P8.1");
    }

    @Test
    void onlyMinistryAdministratorsMoveItems() {
        for (String token : new String[] {
            TestTokens.forRole("viewer"),
            TestTokens.forRole("ministry-reviewer"),
            TestTokens.forService("progress-service", "progress-service", "task-service", "service")
        }) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .header("If-Match", "\"1\"")
                    .body("{\"to\": \"IN_PROGRESS\"}")
                    .post("/api/items/P1.2/transitions")
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
        }
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"to\": \"IN_PROGRESS\"}")
                .post("/api/items/P1.2/transitions")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"to\": \"IN_PROGRESS\"}")
                .post("/api/items/P1.2/transitions")
                .then()
                .statusCode(401);
        assertUnchanged("P1.2");
    }

    private void assertUnchanged(String code) {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/" + code)
                .then()
                .body("version", equalTo(1))
                .body("status", equalTo("NOT_STARTED"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/" + code + "/history")
                .then()
                .body("$", hasSize(0));
        assertEquals(0, data.events(code));
    }
}
