package org.prioritytracker.progress.approval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.progress.support.ReportApi.JSON_UTF8;
import static org.prioritytracker.progress.support.ReportApi.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

/** Two-level approval: the bureau's approver between the officer's submission and the ministry's review. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class ApprovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void inARequiredYearTheMinistryReviewsOnlyWhatTheBureauApproved() throws Exception {
        requireBureauApprovalIn2025();
        String id = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        ReportApi.review(id, "\"1\"", "ACCEPTED", null)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        ReportApi.approve(approver("130000"), id, "\"1\"", "APPROVED", null)
                .statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("reviewState", equalTo("APPROVED"))
                .body("bureauApproval.decision", equalTo("APPROVED"))
                .body("bureauApproval.decidedBy", equalTo("test-approver-130000"))
                .body("bureauApproval.comment", nullValue());
        ReportApi.approve(approver("130000"), id, "\"1\"", "APPROVED", null)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        ReportApi.review(id, "\"1\"", "ACCEPTED", null)
                .statusCode(200)
                .body("reviewState", equalTo("ACCEPTED"))
                .body("bureauApproval.decision", equalTo("APPROVED"));
        ReportApi.approve(approver("130000"), id, "\"1\"", "RETURNED", "再看一下").statusCode(409);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("bureauApproval.decision", contains("APPROVED"))
                .body("bureauApproval.decidedBy", contains("test-approver-130000"));

        JsonNode event =
                JSON.readTree(data.eventData("P3.2", "tracker.report.approved").get(0));
        assertEquals("APPROVED", event.get("decision").asText());
        assertEquals("APPROVED", event.get("reviewState").asText());
        assertEquals(id, event.get("reportId").asText());
        assertEquals("test-approver-130000", event.get("decidedBy").asText());
        assertEquals(
                List.of(
                        "tracker.report.submitted#null",
                        "tracker.province-progress.changed#null",
                        "tracker.report.approved#null",
                        "tracker.report.reviewed#null"),
                data.events("P3.2"));
        assertEquals(List.of("130000", "130000", "130000", "130000"), data.eventProvinces("P3.2"));
    }

    @Test
    void inASingleLevelYearTheMinistryReviewsSubmittedReportsDirectlyAndApprovedOnesToo() {
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/2025")
                .then()
                .statusCode(200)
                .body("bureauApproval", equalTo("NOT_REQUIRED"));
        String direct = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        ReportApi.review(direct, "\"1\"", "ACCEPTED", null).statusCode(200).body("reviewState", equalTo("ACCEPTED"));
        String approved = ReportApi.create("130000", "P3.1", "2025-Q2", 40, "ON_TRACK");
        ReportApi.approve(approver("130000"), approved, "\"1\"", "APPROVED", null)
                .statusCode(200);
        ReportApi.review(approved, "\"1\"", "RETURNED", "请补充数据")
                .statusCode(200)
                .body("reviewState", equalTo("RETURNED"));
    }

    @Test
    void planYearsFrom2026RequireTheBureauLevelUnlessTheMinistrySaysOtherwise() {
        FakeTaskService.get()
                .addPlan(Path.of(System.getProperty("tracker.root", ".."), "seeds/examples/plan-2026.json"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/calendars/2026")
                .then()
                .statusCode(200)
                .body("bureauApproval", equalTo("REQUIRED"));
        putCalendar(2026, "\"0\"", "NOT_REQUIRED").statusCode(200).body("bureauApproval", equalTo("NOT_REQUIRED"));
        // A calendar change that leaves the setting out keeps it.
        putCalendar(2026, "\"1\"", null).statusCode(200).body("bureauApproval", equalTo("NOT_REQUIRED"));
        putCalendar(2026, "\"2\"", "SOMETIMES").statusCode(400).body("errors[0].field", equalTo("bureauApproval"));
        given().auth()
                .oauth2(approver("130000"))
                .contentType(JSON_UTF8)
                .body(
                        "{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 10, \"reminderDays\": 5, \"bureauApproval\": \"REQUIRED\"}")
                .header("If-Match", "\"2\"")
                .put("/api/calendars/2026")
                .then()
                .statusCode(403);
    }

    @Test
    void theApproverReturnsWithACommentAndTheOfficersAmendmentIsSubmittedAgain() {
        requireBureauApprovalIn2025();
        String id = ReportApi.create("440000", "P4.4", "2025-Q1", 50, "ON_TRACK");
        ReportApi.approve(approver("440000"), id, "\"1\"", "RETURNED", null)
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("comment"));
        ReportApi.approve(approver("440000"), id, "\"1\"", "RETURNED", "  ")
                .statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        ReportApi.approve(approver("440000"), id, "\"1\"", "MAYBE", null)
                .statusCode(400)
                .body("errors[0].field", equalTo("decision"));
        assertEquals(0, data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.approved'"));
        ReportApi.approve(approver("440000"), id, "\"1\"", "RETURNED", "请核实碳排放数据")
                .statusCode(200)
                .body("reviewState", equalTo("RETURNED"))
                .body("bureauApproval.decision", equalTo("RETURNED"))
                .body("bureauApproval.comment", equalTo("请核实碳排放数据"))
                .body("reviewedBy", nullValue());
        ReportApi.review(id, "\"1\"", "ACCEPTED", null).statusCode(409);
        ReportApi.amend("440000", id, "\"1\"", body("P4.4", "2025-Q1", 55, "ON_TRACK"))
                .statusCode(200)
                .body("reviewState", equalTo("SUBMITTED"))
                .body("version", equalTo(2))
                .body("bureauApproval", nullValue());
        given().auth()
                .oauth2(approver("440000"))
                .get("/api/reports/" + id + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(1, 2))
                .body("find { it.version == 1 }.bureauApproval.decision", equalTo("RETURNED"))
                .body("find { it.version == 1 }.bureauApproval.comment", equalTo("请核实碳排放数据"))
                .body("find { it.version == 2 }.bureauApproval", nullValue());
        ReportApi.approve(approver("440000"), id, "\"2\"", "APPROVED", null).statusCode(200);
        ReportApi.review(id, "\"2\"", "ACCEPTED", null).statusCode(200);
    }

    @Test
    void anApprovedReportCannotBeAmendedUntilTheMinistryReturnsIt() {
        String id = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        ReportApi.approve(approver("130000"), id, "\"1\"", "APPROVED", null).statusCode(200);
        ReportApi.amend("130000", id, "\"1\"", body("P3.2", "2025-Q2", 45, "ON_TRACK"))
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports/" + id)
                .then()
                .body("version", equalTo(1))
                .body("percentComplete", equalTo(40.0f));
        ReportApi.review(id, "\"1\"", "RETURNED", "请补充").statusCode(200);
        ReportApi.amend("130000", id, "\"1\"", body("P3.2", "2025-Q2", 45, "ON_TRACK"))
                .statusCode(200)
                .body("reviewState", equalTo("SUBMITTED"));
    }

    @Test
    void onlyTheBureausApproverApproves() {
        String id = ReportApi.create("110000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        ReportApi.approve(TestTokens.forReporter("110000"), id, "\"1\"", "APPROVED", null)
                .statusCode(403);
        ReportApi.approve(TestTokens.forRole("viewer"), id, "\"1\"", "APPROVED", null)
                .statusCode(403);
        ReportApi.approve(TestTokens.forRole("ministry-reviewer"), id, "\"1\"", "APPROVED", null)
                .statusCode(403);
        ReportApi.approve(approver("130000"), id, "\"1\"", "APPROVED", null)
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(approver("110000"))
                .contentType(JSON_UTF8)
                .header("If-Match", "\"1\"")
                .body("{\"decision\": \"ACCEPTED\"}")
                .post("/api/reports/" + id + "/review")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(approver("110000"))
                .contentType(JSON_UTF8)
                .body(body("P3.1", "2025-Q2", 10, "ON_TRACK"))
                .header("Idempotency-Key", "approver-submits")
                .post("/api/reports")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(approver("130000"))
                .get("/api/reports/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(approver("110000"))
                .get("/api/reports/" + id)
                .then()
                .statusCode(200)
                .body("reviewState", equalTo("SUBMITTED"))
                .body("bureauApproval", nullValue());
        assertEquals(0, data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.approved'"));
    }

    @Test
    void anApprovalJudgesTheVersionItsApproverRead() {
        String id = ReportApi.create("450000", "P4.4", "2025-Q1", 50, "ON_TRACK");
        ReportApi.approve(approver("450000"), id, null, "APPROVED", null)
                .statusCode(428)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        ReportApi.amend("450000", id, "\"1\"", body("P4.4", "2025-Q1", 5, "BLOCKED"))
                .statusCode(200);
        ReportApi.approve(approver("450000"), id, "\"1\"", "APPROVED", null)
                .statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        ReportApi.approve(approver("450000"), id, "\"2\"", "APPROVED", null)
                .statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void anApproverReadsWhatItsBureauReadsAndNoOtherBureausRows() {
        ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        ReportApi.create("110000", "P3.2", "2025-Q2", 60, "ON_TRACK");
        String hebei = approver("130000");
        for (String path : new String[] {
            "/api/rollups/overview",
            "/api/rollups/items/P3.2",
            "/api/rollups/priorities/P3",
            "/api/rollups/heatmap",
            "/api/rollups/provinces/130000",
            "/api/rollups/timeliness?plan=2025",
            "/api/obligations?plan=2025",
            "/api/calendars/2025",
            "/api/calendars/2025/reopenings",
            "/api/exports/reports.csv?plan=2025",
            "/api/exports/timeliness.csv?plan=2025"
        }) {
            given().auth().oauth2(hebei).get(path).then().statusCode(200);
        }
        given().auth().oauth2(hebei).get("/api/rollups/provinces/110000").then().statusCode(403);
        given().auth()
                .oauth2(hebei)
                .get("/api/rollups/items/P3.2")
                .then()
                .body("provinces.provinceCode", contains("130000"));
        given().auth()
                .oauth2(hebei)
                .get("/api/reports")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("reports[0].provinceCode", equalTo("130000"));
        String export = given().auth()
                .oauth2(hebei)
                .get("/api/exports/reports.csv?plan=2025")
                .then()
                .extract()
                .asString();
        assertEquals(2, export.strip().lines().count(), export);
    }

    private static String approver(String province) {
        return TestTokens.forApprover(province);
    }

    private static void requireBureauApprovalIn2025() {
        putCalendar(2025, "\"0\"", "REQUIRED").statusCode(200).body("bureauApproval", equalTo("REQUIRED"));
    }

    private static ValidatableResponse putCalendar(int year, String ifMatch, String bureauApproval) {
        String setting = bureauApproval == null ? "" : ", \"bureauApproval\": \"" + bureauApproval + "\"";
        return given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(JSON_UTF8)
                .header("If-Match", ifMatch)
                .body("{\"cadence\": \"QUARTERLY\", \"deadlineDays\": 10, \"reminderDays\": 5" + setting + "}")
                .put("/api/calendars/" + year)
                .then();
    }
}
