package org.prioritytracker.progress.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

/** The ministry's review page filters the reports by priority and plan year, besides item, province, period and state. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class ReportListFiltersTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
        ReportApi.create("130000", "P3.1", "2025-Q2", 40, "ON_TRACK");
        ReportApi.create("130000", "P3.2", "2025-Q1", 50, "ON_TRACK");
        ReportApi.create("110000", "P3.2", "2025-Q2", 60, "AT_RISK");
        ReportApi.create("110000", "P1.1", "2025-Q2", 70, "ON_TRACK");
    }

    @Test
    void byPriorityItsSubItemsOnly() {
        list("priority=P3")
                .body("total", equalTo(3))
                .body("reports.itemCode", containsInAnyOrder("P3.1", "P3.2", "P3.2"));
        list("priority=P1").body("total", equalTo(1)).body("reports.itemCode", contains("P1.1"));
        list("priority=P8").body("total", equalTo(0));
    }

    @Test
    void byPlanYearItsPeriodsOnly() {
        list("plan=2025").body("total", equalTo(4));
        list("plan=2026").body("total", equalTo(0));
    }

    @Test
    void combinedWithTheExistingFilters() {
        list("priority=P3&plan=2025&period=2025-Q2&province=110000&reviewState=SUBMITTED")
                .body("total", equalTo(1))
                .body("reports[0].itemCode", equalTo("P3.2"))
                .body("reports[0].provinceCode", equalTo("110000"));
        // A reporter's list stays its own province's.
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .queryParam("priority", "P3")
                .get("/api/reports")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void aBadPriorityOrPlanIsA400NamingIt() {
        for (String priority : new String[] {"P3.1", "3", "P%", "p3"}) {
            list("priority=" + priority)
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", contains("priority"));
        }
        for (String plan : new String[] {"25", "2025-Q1", "next"}) {
            list("plan=" + plan).statusCode(400).body("errors.field", contains("plan"));
        }
    }

    private static ValidatableResponse list(String query) {
        return given().auth()
                .oauth2(TestTokens.forRole("ministry-reviewer"))
                .urlEncodingEnabled(true)
                .get("/api/reports?" + query)
                .then();
    }
}
