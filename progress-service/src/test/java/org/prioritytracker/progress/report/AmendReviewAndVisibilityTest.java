package org.prioritytracker.progress.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.prioritytracker.progress.support.ReportApi.JSON_UTF8;
import static org.prioritytracker.progress.support.ReportApi.body;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class AmendReviewAndVisibilityTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void anAmendmentRaisesTheVersionAndKeepsEarlierVersionsReadable() {
        String id = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        amend("130000", id, "\"1\"", body("P3.2", "2025-Q2", 35, "AT_RISK"))
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("status", equalTo("AT_RISK"))
                .body("percentComplete", equalTo(35.0f));
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/reports/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(1, 2))
                .body("status", contains("ON_TRACK", "AT_RISK"));
    }

    @Test
    void anAmendmentNeedsTheCurrentETagAndTheOwnProvince() {
        String id = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        amend("130000", id, null, body("P3.2", "2025-Q2", 35, "AT_RISK")).statusCode(428);
        amend("130000", id, "\"9\"", body("P3.2", "2025-Q2", 35, "AT_RISK")).statusCode(412);
        amend("320000", id, "\"1\"", body("P3.2", "2025-Q2", 35, "AT_RISK"))
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        amend("130000", id, "\"1\"", body("P3.1", "2025-Q3", 35, "AT_RISK")).statusCode(400);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports/" + id)
                .then()
                .body("version", equalTo(1));
    }

    @Test
    void returnedReportsMayBeAmendedAcceptedOnesAreLocked() {
        String id = ReportApi.create("440000", "P4.4", "2025-Q1", 50, "ON_TRACK");
        ReportApi.review(id, "\"1\"", "RETURNED", null).statusCode(400).body("errors[0].field", equalTo("comment"));
        ReportApi.review(id, "\"1\"", "RETURNED", "请补充碳排放数据")
                .statusCode(200)
                .body("reviewState", equalTo("RETURNED"))
                .body("reviewComment", equalTo("请补充碳排放数据"))
                .body("reviewedBy", equalTo("test-ministry-reviewer"));
        ReportApi.review(id, "\"1\"", "ACCEPTED", null).statusCode(409);
        amend("440000", id, "\"1\"", body("P4.4", "2025-Q1", 55, "ON_TRACK"))
                .statusCode(200)
                .body("reviewState", equalTo("SUBMITTED"))
                .body("version", equalTo(2));
        ReportApi.review(id, "\"2\"", "ACCEPTED", null).statusCode(200).body("reviewState", equalTo("ACCEPTED"));
        amend("440000", id, "\"2\"", body("P4.4", "2025-Q1", 60, "ON_TRACK"))
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aReviewJudgesTheVersionItsReviewerReadAndNoOther() {
        String id = ReportApi.create("450000", "P4.4", "2025-Q1", 50, "ON_TRACK");
        ReportApi.review(id, null, "ACCEPTED", null)
                .statusCode(428)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        amend("450000", id, "\"1\"", body("P4.4", "2025-Q1", 5, "BLOCKED")).statusCode(200);
        ReportApi.review(id, "\"1\"", "ACCEPTED", null)
                .statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        given().auth()
                .oauth2(TestTokens.forRole("ministry-reviewer"))
                .get("/api/reports/" + id)
                .then()
                .statusCode(200)
                .body("reviewState", equalTo("SUBMITTED"))
                .body("reviewedBy", org.hamcrest.Matchers.nullValue());
        ReportApi.review(id, "\"2\"", "ACCEPTED", null)
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("percentComplete", equalTo(5.0f))
                .body("reviewState", equalTo("ACCEPTED"));
    }

    @Test
    void onlyReviewersReview() {
        String id = ReportApi.create("440000", "P4.4", "2025-Q1", 50, "ON_TRACK");
        given().auth()
                .oauth2(TestTokens.forReporter("440000"))
                .contentType(JSON_UTF8)
                .body("{\"decision\": \"ACCEPTED\"}")
                .post("/api/reports/" + id + "/review")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forRole("ministry-reviewer"))
                .contentType(JSON_UTF8)
                .body("{\"decision\": \"MAYBE\"}")
                .post("/api/reports/" + id + "/review")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("decision"));
    }

    @Test
    void aReporterFor130000CannotWriteOrRead320000sReports() {
        String theirs = ReportApi.create("320000", "P3.2", "2025-Q2", 70, "ON_TRACK");
        String ours = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        String reporter = TestTokens.forReporter("130000");
        given().auth().oauth2(reporter).get("/api/reports/" + theirs).then().statusCode(403);
        given().auth()
                .oauth2(reporter)
                .get("/api/reports/" + theirs + "/versions")
                .then()
                .statusCode(403);
        amend("130000", theirs, "\"1\"", body("P3.2", "2025-Q2", 1, "BLOCKED")).statusCode(403);
        given().auth()
                .oauth2(reporter)
                .get("/api/reports?province=320000")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(reporter)
                .get("/api/reports")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("reports.id", contains(ours));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports?item=P3.2")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));
        given().auth()
                .oauth2(TestTokens.forRole("ministry-reviewer"))
                .get("/api/reports?province=320000&reviewState=SUBMITTED")
                .then()
                .statusCode(200)
                .body("reports", hasSize(1))
                .body("reports.provinceCode", everyItem(equalTo("320000")));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports?reviewState=DONE&size=0")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("reviewState", "size"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports/" + theirs)
                .then()
                .statusCode(200);
    }

    @Test
    void eachChangeWritesItsEventsInOrderAndLeavesTheNumbersToTheCapture() {
        String id = ReportApi.create("130000", "P6.1", "2025-Q1", 40, "ON_TRACK");
        ReportApi.create("320000", "P6.1", "2025-Q1", 40, "ON_TRACK");
        amend("130000", id, "\"1\"", body("P6.1", "2025-Q1", 30, "AT_RISK")).statusCode(200);
        amend("130000", id, "\"2\"", body("P6.1", "2025-Q1", 31, "AT_RISK")).statusCode(200);
        ReportApi.review(id, "\"3\"", "ACCEPTED", null).statusCode(200);
        List<String> expected = List.of(
                "tracker.report.submitted#null",
                "tracker.province-progress.changed#null",
                "tracker.report.submitted#null",
                "tracker.province-progress.changed#null",
                "tracker.report.submitted#null",
                "tracker.province-progress.changed#null",
                "tracker.report.submitted#null",
                "tracker.report.reviewed#null");
        org.junit.jupiter.api.Assertions.assertEquals(expected, data.events("P6.1"));
    }

    /**
     * Every bureau reports on one item at once: no submission waits for another's commit (nothing they
     * share is locked), and every one writes its two events, unnumbered, for the capture to number.
     */
    @Test
    void concurrentReportsOnOneItemEachWriteTheirEvents() throws Exception {
        List<String> bureaus = SeedBureaus.codes();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> submissions = new ArrayList<>();
            for (String bureau : bureaus) {
                submissions.add(pool.submit(() -> ReportApi.create(bureau, "P7.1", "2025-Q2", 50, "ON_TRACK")));
            }
            for (Future<String> submission : submissions) {
                submission.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> events = data.events("P7.1");
        org.junit.jupiter.api.Assertions.assertEquals(2 * bureaus.size(), events.size());
        org.junit.jupiter.api.Assertions.assertTrue(
                events.stream().allMatch(e -> e.endsWith("#null")), events.toString());
        org.junit.jupiter.api.Assertions.assertEquals(
                bureaus.size(),
                events.stream()
                        .filter(e -> e.startsWith("tracker.province-progress.changed#"))
                        .count());
    }

    private static ValidatableResponse amend(String province, String id, String etag, String body) {
        var request = given().auth()
                .oauth2(TestTokens.forReporter(province))
                .contentType(JSON_UTF8)
                .body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.put("/api/reports/" + id).then();
    }
}
