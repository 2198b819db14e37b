package org.prioritytracker.task.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class PriorityResourceTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void listsTheEightPrioritiesInOrderWithTheirItems() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/priorities")
                .then()
                .statusCode(200)
                .body("code", contains("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"))
                .body("[2].titleZh", equalTo("深入打好污染防治攻坚战"))
                .body("[2].items.code", contains("P3.1", "P3.2", "P3.3", "P3.4", "P3.5"))
                .body("[2].items[1].titleZh", equalTo("持续深入推进碧水保卫战"))
                .body("[2].items[1].dueDate", equalTo("2025-12-31"))
                .body("items.flatten()", hasSize(31));
    }

    @Test
    void getsOnePriority() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/priorities/P6")
                .then()
                .statusCode(200)
                .body("titleZh", equalTo("着力强化生态环境督察执法"))
                .body("items.code", contains("P6.1", "P6.2", "P6.3", "P6.4"));
    }

    @Test
    void anUnchangedListIsA304UntilAnItemMoves() {
        String viewer = TestTokens.forRole("viewer");
        for (String path : List.of("/api/priorities", "/api/priorities/P6", "/api/items?priority=P6")) {
            String etag = given().auth()
                    .oauth2(viewer)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            given().auth()
                    .oauth2(viewer)
                    .header("If-None-Match", etag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", equalTo(etag));
        }
        String before = given().auth()
                .oauth2(viewer)
                .get("/api/priorities/P6")
                .then()
                .extract()
                .header("ETag");
        ItemApi.move("P6.2", "IN_PROGRESS", "督察组进驻");
        given().auth()
                .oauth2(viewer)
                .header("If-None-Match", before)
                .get("/api/priorities/P6")
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("items.find { it.code == 'P6.2' }.status", equalTo("IN_PROGRESS"));
    }

    @Test
    void unknownPriorityIs404Problem() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .when()
                .get("/api/priorities/P9")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
