package org.prioritytracker.task.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.NonBlankText;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

/** The ministry starts plans, adds, renames and archives priorities and sub-items, and imports whole plans. */
@QuarkusTest
class PlanManagementTest {

    private static final Path EXAMPLE_PLAN = Path.of("../seeds/examples/plan-2026.json");

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aNewPlanGetsItsPrioritiesAndItemsWithCodesThatCarryItsYear() {
        asAdmin("{\"year\": 2026, \"titleZh\": \"2026年重点任务\", \"titleEn\": \"2026 key tasks\"}")
                .post("/api/plans")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/plans/2026"))
                .body("year", equalTo(2026))
                .body("current", equalTo(true));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\"}")
                .post("/api/plans/2026/priorities")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/priorities/2026-P1"))
                .header("ETag", "\"1\"")
                .body("code", equalTo("2026-P1"))
                .body("planYear", equalTo(2026))
                .body("position", equalTo(1));
        asAdmin("{\"titleZh\": \"乙\", \"titleEn\": \"B\"}")
                .post("/api/plans/2026/priorities")
                .then()
                .statusCode(201)
                .body("code", equalTo("2026-P2"));
        asAdmin("""
                {"titleZh": "甲一", "titleEn": "A one", "leadDepartment": " 大气环境司 ", "dueDate": "2026-12-31"}""")
                .post("/api/priorities/2026-P1/items")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/items/2026-P1.1"))
                .header("ETag", "\"1\"")
                .body("code", equalTo("2026-P1.1"))
                .body("priorityCode", equalTo("2026-P1"))
                .body("planYear", equalTo(2026))
                .body("status", equalTo("NOT_STARTED"))
                .body("sourceText", equalTo("甲一"))
                .body("leadDepartment", equalTo("大气环境司"))
                .body("version", equalTo(1))
                .body("createdAt", notNullValue());

        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans/2026/priorities")
                .then()
                .statusCode(200)
                .body("code", contains("2026-P1", "2026-P2"))
                .body("[0].items.code", contains("2026-P1.1"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?plan=2026")
                .then()
                .statusCode(200)
                .body("items.code", contains("2026-P1.1"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/2026-P1.1/history")
                .then()
                .statusCode(200)
                .body("kind", contains("CREATED"))
                .body("[0].from", equalTo(null))
                .body("[0].to", equalTo("NOT_STARTED"))
                .body("[0].actor", equalTo("test-ministry-admin"));
        assertEquals(List.of("tracker.plan.created#1"), data.eventSequence("plan-2026"));
        assertEquals(List.of("tracker.priority.created#1"), data.eventSequence("2026-P1"));
        assertEquals(List.of("tracker.item.created#1"), data.eventSequence("2026-P1.1"));
    }

    @Test
    void the2025PlanGrowsWithItsOwnUnprefixedCodes() {
        asAdmin("{\"titleZh\": \"新增重点任务\", \"titleEn\": \"A ninth priority\"}")
                .post("/api/plans/2025/priorities")
                .then()
                .statusCode(201)
                .body("code", equalTo("P9"));
        asAdmin("{\"titleZh\": \"新增子项\", \"titleEn\": \"A sixth item\", \"dueDate\": \"2025-12-31\"}")
                .post("/api/priorities/P3/items")
                .then()
                .statusCode(201)
                .body("code", equalTo("P3.6"));
    }

    @Test
    void badOrDuplicateRequestsAreProblemsAndStoreNothing() {
        asAdmin("{\"year\": 2025, \"titleZh\": \"再来一次\", \"titleEn\": \"Again\"}")
                .post("/api/plans")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("year"));
        asAdmin("{\"year\": 1999, \"titleZh\": \" \"}")
                .post("/api/plans")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("year", "titleZh", "titleEn"));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\"}")
                .post("/api/plans/2031/priorities")
                .then()
                .statusCode(404);
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\"}")
                .post("/api/plans/20x6/priorities")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\", \"dueDate\": \"2024-12-31\"}")
                .post("/api/priorities/P3/items")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dueDate"));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\", \"dueDate\": \"2025-12-31\", \"status\": \"COMPLETED\"}")
                .post("/api/priorities/P3/items")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\", \"dueDate\": \"2025-12-31\"}")
                .post("/api/priorities/P99/items")
                .then()
                .statusCode(404);
        // White space to Java and to JavaScript alike (an ideographic space, a no-break space): never stored empty.
        asAdmin("{\"titleZh\": \"\u3000\", \"titleEn\": \"\u00a0\", \"dueDate\": \"2025-12-31\"}")
                .post("/api/priorities/P3/items")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("titleZh", "titleEn"))
                .body("errors.message", everyItem(equalTo(NonBlankText.MESSAGE)));

        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans")
                .then()
                .body("year", contains(2025));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/priorities/P3")
                .then()
                .body("items.code", hasItem("P3.5"))
                .body("items.code", not(hasItem("P3.6")));
        assertEquals(0, data.events("plan-2025"));
    }

    @Test
    void onlyTheMinistryAdministratorChangesPlans() {
        for (String role : List.of("viewer", "ministry-reviewer")) {
            given().auth()
                    .oauth2(TestTokens.forRole(role))
                    .contentType(ContentType.JSON)
                    .body("{\"year\": 2026, \"titleZh\": \"甲\", \"titleEn\": \"A\"}")
                    .post("/api/plans")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType(ContentType.JSON)
                .body("{\"titleZh\": \"甲\", \"titleEn\": \"A\", \"dueDate\": \"2025-12-31\"}")
                .post("/api/priorities/P3/items")
                .then()
                .statusCode(403);
    }

    @Test
    void aPriorityIsRenamedAgainstItsVersion() {
        patchPriority("P3", "\"1\"", "{\"titleEn\": \" Win the battle against pollution \"}")
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("titleEn", equalTo("Win the battle against pollution"))
                .body("titleZh", equalTo("深入打好污染防治攻坚战"))
                .body("items.code", hasItem("P3.2"));
        patchPriority("P3", "\"1\"", "{\"titleEn\": \"Again\"}").statusCode(412);
        patchPriority("P3", null, "{\"titleEn\": \"Again\"}").statusCode(428);
        patchPriority("P3", "\"2\"", "{\"titleZh\": \"  \"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("titleZh"));
        patchPriority("P3", "\"2\"", "{\"titleZh\": \"\u3000\\n\"}")
                .statusCode(400)
                .body("errors[0].field", equalTo("titleZh"));
        patchPriority("P3", "\"2\"", "{\"code\": \"P33\"}").statusCode(400).body("errors[0].field", equalTo("code"));
        assertEquals(List.of("tracker.priority.updated#2"), data.eventSequence("P3"));
    }

    @Test
    void anArchivedItemKeepsItsHistoryAndTakesNoChanges() {
        String etag = ItemApi.move("P3.2", "IN_PROGRESS", null);
        archive("/api/items/P3.2/archive", etag, "{\"reason\": \" 并入P3.1统一调度 \"}")
                .statusCode(200)
                .body("archivedAt", notNullValue())
                .body("status", equalTo("IN_PROGRESS"))
                .body("nextStates", emptyIterable());

        String archivedTag = ItemApi.etag("P3.2");
        ItemApi.transition("P3.2", archivedTag, "AT_RISK", "原因").statusCode(409);
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType("application/merge-patch+json")
                .header("If-Match", archivedTag)
                .body("{\"titleEn\": \"x\"}")
                .patch("/api/items/P3.2")
                .then()
                .statusCode(409);
        archive("/api/items/P3.2/archive", archivedTag, "{\"reason\": \"again\"}")
                .statusCode(409);
        archive("/api/items/P3.3/archive", ItemApi.etag("P3.3"), "{}")
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        String viewer = TestTokens.forRole("viewer");
        given().auth()
                .oauth2(viewer)
                .get("/api/items/P3.2/history")
                .then()
                .statusCode(200)
                .body("kind", contains("ARCHIVED", "STATUS_CHANGED"))
                .body("[0].reason", equalTo("并入P3.1统一调度"));
        given().auth().oauth2(viewer).get("/api/items?priority=P3").then().body("items.code", not(hasItem("P3.2")));
        given().auth().oauth2(viewer).get("/api/items?archived=true").then().body("items.code", contains("P3.2"));
        given().auth()
                .oauth2(viewer)
                .get("/api/priorities/P3")
                .then()
                .body("items.find { it.code == 'P3.2' }.archived", equalTo(true));
        assertEquals(List.of("tracker.item.status-changed#2", "tracker.item.archived#3"), data.eventSequence("P3.2"));
    }

    @Test
    void archivingAPriorityArchivesItsActiveItems() {
        archive("/api/priorities/P8/archive", "\"1\"", "{\"reason\": \"任务调整\"}")
                .statusCode(200)
                .body("archivedAt", notNullValue())
                .body("items.archived", contains(true, true, true, true));
        assertEquals(List.of("tracker.priority.archived#2"), data.eventSequence("P8"));
        assertEquals(List.of("tracker.item.archived#2"), data.eventSequence("P8.1"));
        asAdmin("{\"titleZh\": \"甲\", \"titleEn\": \"A\", \"dueDate\": \"2025-12-31\"}")
                .post("/api/priorities/P8/items")
                .then()
                .statusCode(409);
        patchPriority("P8", "\"2\"", "{\"titleEn\": \"x\"}").statusCode(409);
    }

    @Test
    void aWholePlanIsImportedFromASeedFileOnce() throws IOException {
        String file = Files.readString(EXAMPLE_PLAN);
        asAdmin(file)
                .post("/api/plans/import")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/plans/2026"))
                .body("plan.year", equalTo(2026))
                .body("priorities", equalTo(2))
                .body("items", equalTo(3));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans/2026/priorities")
                .then()
                .statusCode(200)
                .body("code", contains("2026-P1", "2026-P2"))
                .body("items.flatten().code", contains("2026-P1.1", "2026-P1.2", "2026-P2.1"))
                .body("[0].items[1].titleZh", equalTo("持续深入推进碧水保卫战"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans/2025/priorities")
                .then()
                .body("code", contains("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"));
        assertEquals(List.of("tracker.item.created#1"), data.eventSequence("2026-P2.1"));
        // An imported plan's items belong to it from its start: they owe reports for every period.
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/2026-P2.1")
                .then()
                .body("createdAt", nullValue());

        asAdmin(file).post("/api/plans/import").then().statusCode(409).body("errors[0].field", equalTo("year"));
    }

    @Test
    void aBadPlanFileNamesEveryBadFieldByItsPathAndStoresNothing() throws IOException {
        String file = Files.readString(EXAMPLE_PLAN)
                .replace("\"planYear\": 2026", "\"planYear\": 2027")
                .replace("\"titleZh\": \"持续深入推进碧水保卫战\"", "\"code\": \"2027-P1.7\", \"titleZh\": \" \"")
                .replace("\"dueDate\": \"2026-12-31\"", "\"dueDate\": \"2026-06-30\"");
        asAdmin(file)
                .post("/api/plans/import")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("priorities[0].items[1].code"))
                .body("errors.field", hasItem("priorities[0].items[1].titleZh"))
                .body("errors.field", hasItem("priorities[1].items[0].dueDate"));
        asAdmin("{\"formatVersion\": 1, \"planYear\": 2027, \"extra\": true}")
                .post("/api/plans/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("extra"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans/2027")
                .then()
                .statusCode(404);
        assertEquals(0, data.events("plan-2027"));
    }

    private static RequestSpecification asAdmin(String body) {
        return given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .body(body);
    }

    private static ValidatableResponse patchPriority(String code, String ifMatch, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType("application/merge-patch+json; charset=UTF-8")
                .body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.patch("/api/priorities/" + code).then();
    }

    private static ValidatableResponse archive(String path, String ifMatch, String body) {
        return asAdmin(body).header("If-Match", ifMatch).post(path).then();
    }
}
