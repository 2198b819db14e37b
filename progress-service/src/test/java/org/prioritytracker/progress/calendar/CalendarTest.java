package org.prioritytracker.progress.calendar;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
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

/** The ministry sets a plan's reporting calendar; submissions follow its cadence and its late-entry lock. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class CalendarTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aPlanWithoutACalendarFollowsTheDefaults() {
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/calendars/2025")
                .then()
                .statusCode(200)
                .body("cadence", equalTo("QUARTERLY"))
                .body("deadlineDays", equalTo(10))
                .body("reminderDays", equalTo(5))
                .body("lockDays", nullValue())
                .body("configured", equalTo(false))
                .body("version", equalTo(0))
                .body("periods.period", contains("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"))
                .body("periods[0].deadline", equalTo("2025-04-10"))
                .body("periods[0].reminderOn", equalTo("2025-04-05"))
                .body("periods[0].lastEntryDay", nullValue());
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/2024")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/20x5")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
    }

    @Test
    void theMinistrySetsTheCalendarAgainstItsVersion() {
        put("\"0\"", "{\"cadence\": \"MONTHLY\", \"deadlineDays\": 7, \"reminderDays\": 3, \"lockDays\": 20}")
                .statusCode(200)
                .body("configured", equalTo(true))
                .body("version", equalTo(1))
                .body("periods", hasSize(12))
                .body("periods[0].deadline", equalTo("2025-02-07"))
                .body("periods[0].lastEntryDay", equalTo("2025-02-20"))
                .body("updatedBy", equalTo("test-ministry-admin"));
        put("\"0\"", "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 7, \"reminderDays\": 3}")
                .statusCode(412);
        put(null, "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 7, \"reminderDays\": 3}")
                .statusCode(428);
        put("\"1\"", "{\"cadence\": \"WEEKLY\", \"deadlineDays\": 7, \"reminderDays\": 3}")
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("cadence"));
        put("\"1\"", "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 10, \"reminderDays\": 3, \"lockDays\": 5}")
                .statusCode(400)
                .body("errors[0].field", equalTo("lockDays"));
        put("\"1\"", "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 91}")
                .statusCode(400)
                .body("errors.field", contains("deadlineDays", "reminderDays"));
        given().auth()
                .oauth2(TestTokens.forRole("ministry-reviewer"))
                .contentType(ReportApi.JSON_UTF8)
                .header("If-Match", "\"1\"")
                .body("{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 7, \"reminderDays\": 3}")
                .put("/api/calendars/2025")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/2025")
                .then()
                .body("version", equalTo(1))
                .body("cadence", equalTo("MONTHLY"));
    }

    @Test
    void aLockedPeriodTakesEntriesOnlyFromABureauItWasReopenedFor() {
        clock.set(Instant.parse("2025-04-20T00:00:00Z"));
        String report = ReportApi.create("130000", "P3.2", "2025-Q1", 40, "ON_TRACK");
        put("\"0\"", "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 10, \"reminderDays\": 5, \"lockDays\": 30}")
                .statusCode(200);
        // Q1 ended on 31 March: its last entry day is 30 April, Beijing time.
        clock.set(Instant.parse("2025-04-30T15:59:00Z"));
        ReportApi.create("110000", "P3.2", "2025-Q1", 20, "ON_TRACK");
        clock.set(Instant.parse("2025-04-30T16:00:00Z"));
        ReportApi.submit("120000", UUID.randomUUID().toString(), ReportApi.body("P3.2", "2025-Q1", 20, "ON_TRACK"))
                .statusCode(409)
                .body("errors[0].field", equalTo("period"))
                .body("errors[0].message", equalTo("is closed to entries since 2025-05-01"));
        amend(report, "\"1\"").statusCode(409);

        reopen("{\"provinceCode\": \"130000\", \"period\": \"2025-Q1\", \"openUntil\": \"2025-05-10\"}")
                .statusCode(201)
                .header("Location", endsWith("/api/calendars/2025/reopenings/130000/2025-Q1"))
                .body("reopenedBy", equalTo("test-ministry-admin"));
        amend(report, "\"1\"").statusCode(200);
        ReportApi.create("130000", "P3.3", "2025-Q1", 10, "ON_TRACK");
        ReportApi.submit("120000", UUID.randomUUID().toString(), ReportApi.body("P3.2", "2025-Q1", 20, "ON_TRACK"))
                .statusCode(409);
        given().auth()
                .oauth2(TestTokens.forReporter("120000"))
                .get("/api/calendars/2025/reopenings")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/2025/reopenings")
                .then()
                .statusCode(200)
                .body("provinceCode", contains("130000"));

        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .delete("/api/calendars/2025/reopenings/130000/2025-Q1")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .delete("/api/calendars/2025/reopenings/130000/2025-Q1")
                .then()
                .statusCode(404);
        ReportApi.submit("130000", UUID.randomUUID().toString(), ReportApi.body("P3.4", "2025-Q1", 20, "ON_TRACK"))
                .statusCode(409);
    }

    @Test
    void aDeactivatedBureauReportsOnlyPeriodsItStillOwes() {
        // Deactivated on 1 May (Beijing): Q1 was due on 10 April, Q2 is due on 10 July.
        FakeTaskService.get().deactivate("130000", "2025-04-30T17:00:00Z");
        clock.set(Instant.parse("2025-05-02T00:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-Q1", 40, "ON_TRACK");
        ReportApi.submit("130000", UUID.randomUUID().toString(), ReportApi.body("P3.2", "2025-Q2", 20, "ON_TRACK"))
                .statusCode(409)
                .body("errors[0].field", equalTo("period"))
                .body(
                        "errors[0].message",
                        equalTo("is due on 2025-07-10, after the bureau's deactivation on 2025-05-01"));
        ReportApi.submit("130000", UUID.randomUUID().toString(), ReportApi.body("P3.2", "2025-04", 20, "ON_TRACK"))
                .statusCode(409);
        ReportApi.create("110000", "P3.2", "2025-Q2", 20, "ON_TRACK");
    }

    @Test
    void aReopeningNamesABureauAPeriodOfThePlanAndADayAhead() {
        clock.set(Instant.parse("2025-06-01T00:00:00Z"));
        reopen("{\"provinceCode\": \"990000\", \"period\": \"2024-Q4\", \"openUntil\": \"2025-05-01\"}")
                .statusCode(400)
                .body("errors.field", contains("provinceCode", "period", "openUntil"));
        reopen("{\"provinceCode\": \"130000\"}").statusCode(400);
    }

    private static ValidatableResponse put(String ifMatch, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ReportApi.JSON_UTF8)
                .body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/api/calendars/2025").then();
    }

    private static ValidatableResponse reopen(String body) {
        return given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ReportApi.JSON_UTF8)
                .body(body)
                .post("/api/calendars/2025/reopenings")
                .then();
    }

    private static ValidatableResponse amend(String id, String ifMatch) {
        return ReportApi.amend("130000", id, ifMatch, ReportApi.body("P3.2", "2025-Q1", 45, "ON_TRACK"));
    }
}
