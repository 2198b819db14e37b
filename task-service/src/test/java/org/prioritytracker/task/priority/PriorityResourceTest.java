package org.prioritytracker.task.priority;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/priorities")
                .then().statusCode(200)
                .body("code", contains("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"))
                .body("[2].titleZh", equalTo("深入打好污染防治攻坚战"))
                .body("[2].items.code", contains("P3.1", "P3.2", "P3.3", "P3.4", "P3.5"))
                .body("[2].items[1].titleZh", equalTo("持续深入推进碧水保卫战"))
                .body("[2].items[1].dueDate", equalTo("2025-12-31"))
                .body("items.flatten()", hasSize(31));
    }

    @Test
    void getsOnePriority() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/priorities/P6")
                .then().statusCode(200)
                .body("titleZh", equalTo("着力强化生态环境督察执法"))
                .body("items.code", contains("P6.1", "P6.2", "P6.3", "P6.4"));
    }

    @Test
    void unknownPriorityIs404Problem() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/priorities/P9")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
