package org.prioritytracker.progress.reminder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

/** The reminder check: once per bureau, item, period and kind, for the bureaus that have not reported; province data. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class ReminderTest {

    private static final int BUREAUS_TIMES_ITEMS = 32 * 31;

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @Inject
    ReminderCheck check;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void fromTheReminderDayEveryBureauThatOwesAReportIsRemindedOnce() {
        // The first quarter is due on 10 April; the reminder day is 5 April (Beijing).
        clock.set(Instant.parse("2025-04-04T00:00:00Z"));
        assertEquals(0, check.run());
        clock.set(Instant.parse("2025-04-05T02:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-Q1", 30, "ON_TRACK");
        assertEquals(BUREAUS_TIMES_ITEMS - 1, check.run());
        assertEquals(0, check.run(), "a second run adds none");

        assertEquals(
                BUREAUS_TIMES_ITEMS - 1,
                data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.due'"));
        assertEquals(
                31,
                data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.due' AND subject = 'P3.2'"));
        assertEquals(0, data.count("""
                SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.due' AND subject = 'P3.2'
                AND extensions ->> 'province' = '130000'"""), "the bureau that reported is not reminded");
        assertEquals(1, data.count("""
                SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.due' AND subject = 'P3.2'
                AND extensions ->> 'province' = '320000' AND data ->> 'period' = '2025-Q1'
                AND data ->> 'deadline' = '2025-04-10' AND data ->> 'provinceCode' = '320000'"""));
    }

    @Test
    void afterTheDeadlineTheBureausThatStillOweAreToldOnceThatTheyAreLate() {
        clock.set(Instant.parse("2025-04-11T02:00:00Z"));
        ReportApi.create("320000", "P3.1", "2025-Q1", 30, "ON_TRACK");
        assertEquals(BUREAUS_TIMES_ITEMS - 1, check.run());
        assertEquals(
                BUREAUS_TIMES_ITEMS - 1,
                data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.late'"));
        clock.set(Instant.parse("2025-04-20T02:00:00Z"));
        assertEquals(0, check.run());
    }

    @Test
    void aDeactivatedBureauIsNotRemindedEvenOfWhatItStillOwes() {
        // Deactivated on 11 April (Beijing), the day after the first quarter's deadline: it still owes the quarter.
        FakeTaskService.get().deactivate("130000", "2025-04-10T20:00:00Z");
        clock.set(Instant.parse("2025-04-11T02:00:00Z"));
        assertEquals(BUREAUS_TIMES_ITEMS - 31, check.run());
        assertEquals(0, data.count("""
                SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.late' AND extensions ->> 'province' = '130000'"""));
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/obligations?plan=2025")
                .then()
                .statusCode(200)
                .body("$", hasSize(31))
                .body("late", everyItem(equalTo(true)));
    }

    @Test
    void aBureauDeactivatedBeforeTheDeadlineOwesNothingMore() {
        FakeTaskService.get().deactivate("130000", "2025-04-01T00:00:00Z");
        clock.set(Instant.parse("2025-04-11T02:00:00Z"));
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/obligations?plan=2025")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void longPastPeriodsAreNotRemindedOf() {
        // 14 days after the first quarter's deadline, and before the second quarter's reminder day.
        clock.set(Instant.parse("2025-04-25T02:00:00Z"));
        assertEquals(0, check.run());
    }

    @Test
    void aBureauSeesItsOpenObligationsAndNoOtherBureausOnes() {
        clock.set(Instant.parse("2025-04-06T02:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-Q1", 30, "ON_TRACK");
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/obligations?plan=2025")
                .then()
                .statusCode(200)
                .body("$", hasSize(30))
                .body("provinceCode", everyItem(equalTo("130000")))
                .body("itemCode", not(hasItem("P3.2")))
                .body("late", everyItem(equalTo(false)))
                .body("[0].deadline", equalTo("2025-04-10"));
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/obligations?plan=2025&province=320000")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/obligations?plan=2025&province=320000")
                .then()
                .statusCode(200)
                .body("$", hasSize(31));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/obligations?plan=2025&province=990000")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("province"));
        clock.set(Instant.parse("2025-04-11T02:00:00Z"));
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .get("/api/obligations?plan=2025")
                .then()
                .statusCode(200)
                .body("late", everyItem(equalTo(true)));
    }
}
