package org.prioritytracker.progress.timeliness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

/** Completeness and timeliness per bureau, priority and nation, by the plan's calendar (quarterly, due 10 days after). */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class TimelinessTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void withTheSeedsAloneEveryBureauOwesEveryItemOfEveryDuePeriod() {
        clock.set(Instant.parse("2026-01-20T00:00:00Z"));
        timeliness("viewer", "plan=2025")
                .statusCode(200)
                .body("periods.period", contains("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"))
                .body("periods.due", everyItem(equalTo(true)))
                .body("bureaus", hasSize(32))
                .body("bureaus.rates.expected", everyItem(greaterThan(0)))
                .body("bureaus[0].rates.expected", equalTo(31 * 4))
                .body("bureaus[0].rates.missing", equalTo(31 * 4))
                .body("bureaus[0].rates.completenessPercent", equalTo(0.0f))
                .body("national.expected", equalTo(32 * 31 * 4))
                .body("priorities.code", contains("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"))
                .body("priorities.find { it.code == 'P3' }.rates.expected", equalTo(32 * 5 * 4));
    }

    @Test
    void aReportOnTimeAndALateOneMoveTheBureausRates() {
        clock.set(Instant.parse("2025-04-05T02:00:00Z"));
        String onTime = ReportApi.create("130000", "P3.2", "2025-Q1", 30, "ON_TRACK");
        // The deadline is 10 April, Beijing time: 16:00 UTC that day is already the 11th.
        clock.set(Instant.parse("2025-04-10T16:00:00Z"));
        ReportApi.create("130000", "P3.3", "2025-Q1", 20, "ON_TRACK");
        clock.set(Instant.parse("2025-04-20T00:00:00Z"));

        ValidatableResponse response = timeliness("viewer", "plan=2025&period=2025-Q1")
                .statusCode(200)
                .body("periods.period", contains("2025-Q1"))
                .body("periods[0].deadline", equalTo("2025-04-10"));
        response.body("bureaus.find { it.provinceCode == '130000' }.rates.expected", equalTo(31))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.reported", equalTo(2))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.onTime", equalTo(1))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.late", equalTo(1))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.missing", equalTo(29))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.completenessPercent", equalTo(6.5f))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.timelinessPercent", equalTo(3.2f))
                // Laggards first: the bureau that reported comes last.
                .body("bureaus[31].provinceCode", equalTo("130000"))
                .body("national.reported", equalTo(2))
                .body("national.onTime", equalTo(1))
                .body("priorities.find { it.code == 'P3' }.rates.late", equalTo(1));

        // An amendment after the deadline does not make the on-time report late.
        ReportApi.amend("130000", onTime, "\"1\"", ReportApi.body("P3.2", "2025-Q1", 35, "ON_TRACK"))
                .statusCode(200);
        timeliness("viewer", "plan=2025&period=2025-Q1")
                .body("bureaus.find { it.provinceCode == '130000' }.rates.onTime", equalTo(1));
    }

    @Test
    void aMonthlyReportWithinADueQuarterMeetsItsObligation() {
        clock.set(Instant.parse("2025-02-10T00:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-01", 10, "ON_TRACK");
        clock.set(Instant.parse("2025-04-20T00:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-Q1", 20, "ON_TRACK");
        ReportApi.create("130000", "P3.3", "2025-03", 20, "ON_TRACK");
        timeliness("viewer", "plan=2025&period=2025-Q1")
                .body("bureaus.find { it.provinceCode == '130000' }.rates.reported", equalTo(2))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.onTime", equalTo(1))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.late", equalTo(1));
    }

    @Test
    void aReporterSeesTheNationAndItsOwnBureau() {
        clock.set(Instant.parse("2025-07-20T00:00:00Z"));
        timeliness("reporter:320000", "plan=2025")
                .statusCode(200)
                .body("bureaus.provinceCode", contains("320000"))
                .body("national.expected", equalTo(32 * 31 * 2));
    }

    @Test
    void badQuestionsAreProblems() {
        timeliness("viewer", "")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("plan"));
        timeliness("viewer", "plan=25").statusCode(400).body("errors[0].field", equalTo("plan"));
        timeliness("viewer", "plan=2025&period=2025-06").statusCode(400).body("errors[0].field", equalTo("period"));
        timeliness("viewer", "plan=2025&period=2026-Q1").statusCode(400).body("errors[0].field", equalTo("period"));
        timeliness("viewer", "plan=2025&period=Q1").statusCode(400).body("errors[0].field", equalTo("period"));
        timeliness("viewer", "plan=2024").statusCode(404);
    }

    @Test
    void anArchivedItemOwesOnlyWhatWasDueBeforeAndANewOneOnlyWhatIsDueAfter() {
        FakeTaskService.get().archive("P8.4", "2025-05-01T00:00:00Z");
        FakeTaskService.get().createdAt("P8.3", "2025-05-01T00:00:00Z");
        clock.set(Instant.parse("2025-07-20T00:00:00Z"));
        timeliness("viewer", "plan=2025&period=2025-Q1")
                .body("priorities.find { it.code == 'P8' }.rates.expected", equalTo(32 * 3));
        timeliness("viewer", "plan=2025&period=2025-Q2")
                .body("priorities.find { it.code == 'P8' }.rates.expected", equalTo(32 * 3));
    }

    @Test
    void aDeactivatedBureauOwesOnlyWhatWasDueBeforeAndIsMarked() {
        // Deactivated on 1 May (Beijing): Q1 was due on 10 April, Q2 on 10 July.
        FakeTaskService.get().deactivate("130000", "2025-04-30T17:00:00Z");
        clock.set(Instant.parse("2025-07-20T00:00:00Z"));
        timeliness("viewer", "plan=2025&period=2025-Q1")
                .body("national.expected", equalTo(32 * 31))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.expected", equalTo(31))
                .body("bureaus.find { it.provinceCode == '130000' }.active", equalTo(false))
                .body("bureaus.findAll { it.active }", hasSize(31));
        timeliness("viewer", "plan=2025&period=2025-Q2")
                .body("national.expected", equalTo(31 * 31))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.expected", equalTo(0))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.completenessPercent", nullValue());
    }

    @Test
    void aNewPlanIsReportedOnAndRolledUpWithoutTouching2025() {
        FakeTaskService.get()
                .addPlan(Path.of(System.getProperty("tracker.root", ".."), "seeds/examples/plan-2026.json"));
        clock.set(Instant.parse("2026-04-05T00:00:00Z"));
        ReportApi.create("130000", "2026-P1.1", "2026-Q1", 25, "ON_TRACK");
        ReportApi.submit("130000", UUID.randomUUID().toString(), ReportApi.body("2026-P1.1", "2025-Q4", 25, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        clock.set(Instant.parse("2026-04-20T00:00:00Z"));

        timeliness("viewer", "plan=2026")
                .statusCode(200)
                .body("periods.period", contains("2026-Q1"))
                .body("priorities.code", contains("2026-P1", "2026-P2"))
                .body("national.expected", equalTo(32 * 3))
                .body("national.onTime", equalTo(1))
                .body("bureaus.find { it.provinceCode == '130000' }.rates.completenessPercent", equalTo(33.3f));
        timeliness("viewer", "plan=2025")
                .statusCode(200)
                .body("national.expected", equalTo(32 * 31 * 4))
                .body("national.reported", equalTo(0));
    }

    private static ValidatableResponse timeliness(String who, String query) {
        String token = who.startsWith("reporter:") ? TestTokens.forReporter(who.substring(9)) : TestTokens.forRole(who);
        return given().auth()
                .oauth2(token)
                .get("/api/rollups/timeliness" + (query.isEmpty() ? "" : "?" + query))
                .then();
    }
}
