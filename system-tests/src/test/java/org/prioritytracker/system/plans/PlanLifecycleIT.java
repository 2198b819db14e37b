package org.prioritytracker.system.plans;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;

/**
 * A new plan end to end, through the running system: imported with the ministry's command, reported
 * on by a bureau, rolled up by progress-service, and the current plan's figures untouched. The example
 * plan is moved to a year that has begun and is not this year's, so that the shared stack's current
 * plan stays 2025 for the other tests.
 */
@ExtendWith(SystemStack.class)
class PlanLifecycleIT {

    private static final int PLAN = 2024;

    @Test
    void aNewPlanIsImportedReportedOnAndRolledUpWithoutTouchingTheCurrentOnesFigures() throws IOException {
        Map<String, Object> currentBefore = timeliness(2025).getMap("national");

        TaskApi.importExamplePlan(PLAN);
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/plans")
                .then()
                .statusCode(200)
                .body("find { it.current }.year", equalTo(2025))
                .body("year", hasItem(PLAN));
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/plans/" + PLAN + "/priorities")
                .then()
                .statusCode(200)
                .body("code", contains(PLAN + "-P1", PLAN + "-P2"));

        ReportApi.submitOrAmend("130000", PLAN + "-P1.1", PLAN + "-Q1", 40.0, "ON_TRACK", "系统测试：新计划的报告");

        JsonPath plan = timeliness(PLAN);
        // Every quarter of a past year is due: 32 bureaus x 3 sub-items x 4 quarters.
        assertEquals(32 * 3 * 4, plan.getInt("national.expected"));
        assertEquals(1, plan.getInt("national.reported"));
        Map<String, Object> hebei = plan.getMap("bureaus.find { it.provinceCode == '130000' }.rates");
        assertEquals(1, hebei.get("reported"));
        assertEquals(1, hebei.get("late"), "reported today, long after the 2024 deadline");
        assertEquals(currentBefore, timeliness(2025).getMap("national"), "the current plan's figures did not move");
    }

    private static JsonPath timeliness(int plan) {
        return given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.PROGRESS + "/api/rollups/timeliness?plan=" + plan)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
