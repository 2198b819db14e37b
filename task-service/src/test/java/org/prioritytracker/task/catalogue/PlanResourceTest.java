package org.prioritytracker.task.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class PlanResourceTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @Inject
    ResponseCache responses;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void theSeedsMakeThe2025PlanTheCurrentOne() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans")
                .then()
                .statusCode(200)
                .body("year", contains(2025))
                .body("[0].titleZh", equalTo("2025年生态环境保护重点任务"))
                .body("[0].titleEn", equalTo("2025 key tasks of ecological and environmental protection"))
                .body("[0].current", equalTo(true));
    }

    @Test
    void aPlansPrioritiesAreTheCurrentPrioritiesWhileItIsTheNewest() {
        String viewer = TestTokens.forRole("viewer");
        List<Object> ofThePlan = given().auth()
                .oauth2(viewer)
                .get("/api/plans/2025/priorities")
                .then()
                .statusCode(200)
                .body("code", contains("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"))
                .body("planYear", everyItem(equalTo(2025)))
                .body("items.flatten()", hasSize(31))
                .extract()
                .jsonPath()
                .getList("$");
        List<Object> current = given().auth()
                .oauth2(viewer)
                .get("/api/priorities")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertEquals(current, ofThePlan);
    }

    @Test
    void aPlanStartedAheadBecomesCurrentOnItsFirstDayAndKeepsItsOwnPriorities() {
        clock.set(Instant.parse("2025-12-31T15:59:00Z"));
        data.execute("INSERT INTO plan (year, title_zh, title_en) VALUES (2026, '2026年重点任务', '2026 key tasks')");
        data.execute(
                "INSERT INTO priority (code, plan_year, position, title_zh, title_en) VALUES ('2026-P1', 2026, 1, '甲', 'A')");
        String viewer = TestTokens.forRole("viewer");
        given().auth()
                .oauth2(viewer)
                .get("/api/plans")
                .then()
                .statusCode(200)
                .body("year", contains(2026, 2025))
                .body("current", contains(false, true));
        given().auth()
                .oauth2(viewer)
                .get("/api/priorities")
                .then()
                .statusCode(200)
                .body("code", hasSize(8));

        // Midnight in Beijing: 2026 begins (cached answers would show it within their 30 seconds).
        clock.set(Instant.parse("2025-12-31T16:00:00Z"));
        responses.invalidate();
        given().auth()
                .oauth2(viewer)
                .get("/api/plans")
                .then()
                .statusCode(200)
                .body("year", contains(2026, 2025))
                .body("current", contains(true, false));
        given().auth()
                .oauth2(viewer)
                .get("/api/priorities")
                .then()
                .statusCode(200)
                .body("code", contains("2026-P1"));
        given().auth()
                .oauth2(viewer)
                .get("/api/plans/2025/priorities")
                .then()
                .statusCode(200)
                .body("code", hasSize(8));
    }

    @Test
    void whenEveryPlanLiesAheadTheEarliestIsCurrent() {
        clock.set(Instant.parse("2024-06-01T00:00:00Z"));
        data.execute("INSERT INTO plan (year, title_zh, title_en) VALUES (2026, '2026年重点任务', '2026 key tasks')");
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/plans")
                .then()
                .statusCode(200)
                .body("current", contains(false, true));
    }

    @Test
    void anUnknownPlanIsA404AndAYearThatIsNoYearA400() {
        String viewer = TestTokens.forRole("viewer");
        given().auth()
                .oauth2(viewer)
                .get("/api/plans/2024/priorities")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        for (String year : List.of("abc", "20255", "-2025", "2O25")) {
            given().auth()
                    .oauth2(viewer)
                    .get("/api/plans/" + year + "/priorities")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("year"));
        }
    }

    @Test
    void plansNeedAToken() {
        given().get("/api/plans").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
