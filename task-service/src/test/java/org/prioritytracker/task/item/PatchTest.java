package org.prioritytracker.task.item;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class PatchTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void editsDescriptiveFieldsAndMovesTheETag() {
        patch(
                        "P2.2",
                        "\"1\"",
                        "{\"description\": \"先行区建设方案\", \"leadDepartment\": \"综合司\", \"dueDate\": \"2025-10-31\"}")
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("description", equalTo("先行区建设方案"))
                .body("leadDepartment", equalTo("综合司"))
                .body("dueDate", equalTo("2025-10-31"))
                .body("status", equalTo("NOT_STARTED"));
        patch("P2.2", "\"2\"", "{\"description\": null, \"titleEn\": \"Build Beautiful China pilot zones\"}")
                .statusCode(200)
                .body("description", nullValue())
                .body("leadDepartment", equalTo("综合司"))
                .body("titleEn", equalTo("Build Beautiful China pilot zones"));
        // Each edit is an event, so that caches of the catalogue (progress-service's) drop their copy.
        assertEquals(List.of("tracker.item.updated#2", "tracker.item.updated#3"), data.eventSequence("P2.2"));
        assertThat(
                data.event("P2.2", 3).data(),
                allOf(
                        containsString("\"changed\": [\"description\", \"titleEn\"]"),
                        containsString("\"actor\": \"test-ministry-admin\"")));
    }

    @Test
    void acceptsMergePatchMediaType() {
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType("application/merge-patch+json; charset=UTF-8")
                .header("If-Match", "\"1\"")
                .body("{\"leadDepartment\": \"大气环境司\"}")
                .patch("/api/items/P3.1")
                .then()
                .statusCode(200)
                .body("leadDepartment", equalTo("大气环境司"));
    }

    @Test
    void invalidFieldsAre400NamingEachAndStoreNothing() {
        patch(
                        "P2.3",
                        "\"1\"",
                        "{\"status\": \"COMPLETED\", \"titleZh\": \"\", \"dueDate\": \"31/12/2025\", \"owner\": \"x\", \"description\": 7}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("status", "titleZh", "dueDate", "owner", "description"));
        patch("P2.3", "\"1\"", "[]").statusCode(400).contentType(startsWith("application/problem+json"));
        patch("P2.3", "\"1\"", "{\"titleZh\": ").statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P2.3")
                .then()
                .body("version", equalTo(1))
                .body("titleZh", equalTo("系统谋划“十五五”生态环境保护工作"));
    }

    @Test
    void needsACurrentIfMatch() {
        patch("P2.3", null, "{\"leadDepartment\": \"综合司\"}").statusCode(428);
        patch("P2.3", "\"5\"", "{\"leadDepartment\": \"综合司\"}").statusCode(412);
        patch("P9.3", "\"1\"", "{\"leadDepartment\": \"综合司\"}").statusCode(404);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .body("{\"leadDepartment\": \"综合司\"}")
                .patch("/api/items/P2.3")
                .then()
                .statusCode(403);
    }

    private static ValidatableResponse patch(String code, String etag, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType("application/json")
                .body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.patch("/api/items/" + code).then();
    }
}
