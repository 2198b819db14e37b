package org.prioritytracker.task.item;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class ItemQueryTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void listsAllItemsInPriorityOrderWithTheTotal() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items")
                .then()
                .statusCode(200)
                .body("total", equalTo(31))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items", hasSize(31))
                .body("items[0].code", equalTo("P1.1"))
                .body("items[30].code", equalTo("P8.4"));
    }

    @Test
    void filtersByPriorityStatusAndOverdue() {
        ItemApi.move("P3.2", "IN_PROGRESS", null);
        ItemApi.move("P3.2", "AT_RISK", "汛期水质波动");
        ItemApi.move("P5.1", "IN_PROGRESS", null);
        ItemApi.move("P5.1", "AT_RISK", "风险上升");
        data.execute("UPDATE sub_item SET overdue = true WHERE code IN ('P3.1', 'P5.1')");

        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?priority=P3")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("items.code", contains("P3.1", "P3.2", "P3.3", "P3.4", "P3.5"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?status=AT_RISK")
                .then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.code", contains("P3.2", "P5.1"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?priority=P3&status=AT_RISK&overdue=false")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].code", equalTo("P3.2"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?overdue=true")
                .then()
                .statusCode(200)
                .body("items.code", containsInAnyOrder("P3.1", "P5.1"));
    }

    @Test
    void pagesThroughTheItems() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?page=3&size=10")
                .then()
                .statusCode(200)
                .body("total", equalTo(31))
                .body("page", equalTo(3))
                .body("items.code", contains("P8.4"));
    }

    @Test
    void badFiltersAre400NamingEachParameter() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?status=DONE&overdue=maybe&page=-1&size=1000")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("status", "overdue", "page", "size"));
    }

    @Test
    void getsOneItemWithItsETag() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P3.2")
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("code", equalTo("P3.2"))
                .body("priorityCode", equalTo("P3"))
                .body("titleZh", equalTo("持续深入推进碧水保卫战"))
                .body("sourceText", equalTo("持续深入推进蓝天、碧水、净土保卫战"))
                .body("status", equalTo("NOT_STARTED"))
                .body("nextStates", containsInAnyOrder("IN_PROGRESS", "SUSPENDED"))
                .body("version", equalTo(1));
    }

    @Test
    void unknownItemIs404Problem() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P9.9")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P9.9/history")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
