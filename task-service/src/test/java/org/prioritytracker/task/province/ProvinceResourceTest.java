package org.prioritytracker.task.province;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class ProvinceResourceTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void theMinistryDeactivatesAndReactivatesABureauWithEventsAndVersions() {
        clock.set(Instant.parse("2025-07-01T02:00:00Z"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/provinces/130000")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("active", equalTo(true))
                .body("deactivatedAt", nullValue());

        change("deactivate", "\"1\"", "{\"reason\": \"机构调整，暂停报送\"}")
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("active", equalTo(false))
                .body("deactivatedAt", startsWith("2025-07-01T02:00"))
                .body("statusReason", equalTo("机构调整，暂停报送"))
                .body("version", equalTo(2));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/provinces")
                .then()
                .statusCode(200)
                .body("find { it.code == '130000' }.active", equalTo(false))
                .body("findAll { it.active }", hasSize(31));
        change("deactivate", "\"2\"", "{\"reason\": \"again\"}")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));

        change("reactivate", "\"2\"", "{\"reason\": \"恢复报送\"}")
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("active", equalTo(true))
                .body("deactivatedAt", nullValue());
        change("reactivate", "\"3\"", "{\"reason\": \"again\"}").statusCode(409);

        assertEquals(
                List.of("tracker.province.deactivated#2", "tracker.province.reactivated#3"),
                data.eventSequence("130000"));
        TestData.OutboxRow deactivated = data.event("130000", 2);
        JsonPath event = JsonPath.from(deactivated.data());
        assertEquals(false, event.getBoolean("active"));
        assertEquals("机构调整，暂停报送", event.getString("reason"));
        assertEquals("test-ministry-admin", event.getString("actor"));
        assertTrue(
                deactivated.extensions() == null || !deactivated.extensions().contains("province"),
                "a bureau's status is catalogue data that every stream shows, not a bureau's own data");
    }

    @Test
    void aBureauChangeNeedsTheMinistryTheCurrentVersionAndAReason() {
        change("deactivate", null, "{\"reason\": \"x\"}").statusCode(428);
        change("deactivate", "\"7\"", "{\"reason\": \"x\"}").statusCode(412);
        change("deactivate", "\"1\"", "{\"reason\": \"  \"}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("reason"));
        change("deactivate", "\"1\"", "{}").statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"reason\": \"x\"}")
                .post("/api/provinces/130000/deactivate")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"reason\": \"x\"}")
                .post("/api/provinces/130000/deactivate")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body("{\"reason\": \"x\"}")
                .post("/api/provinces/999999/deactivate")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/provinces/130000")
                .then()
                .body("active", equalTo(true))
                .body("version", equalTo(1));
        assertEquals(0, data.events("130000"), "a refused change publishes nothing");
    }

    private static ValidatableResponse change(String action, String ifMatch, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.post("/api/provinces/130000/" + action).then();
    }

    @Test
    void listsThe32BureausInCodeOrder() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/provinces")
                .then()
                .statusCode(200)
                .body("$", hasSize(32))
                .body("[0].code", equalTo("110000"))
                .body("[0].nameZh", equalTo("北京市"))
                .body("[30].code", equalTo("650000"))
                .body("[31].code", equalTo("660000"))
                .body("[31].nameZh", equalTo("新疆生产建设兵团"));
    }

    @Test
    void getsOneBureau() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/provinces/130000")
                .then()
                .statusCode(200)
                .body("nameZh", equalTo("河北省"))
                .body("nameEn", equalTo("Hebei"))
                .body("kind", equalTo("province"));
    }

    @Test
    void unknownBureauIs404Problem() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/provinces/999999")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No reporting bureau has the code '999999'."));
    }
}
