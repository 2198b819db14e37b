package org.prioritytracker.progress.draft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.prioritytracker.progress.support.ReportApi.JSON_UTF8;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

/** Officers' drafts: saved on the server, resumable, private to the officer, never a report. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class DraftTest {

    private static final String DRAFT = "/api/drafts/P3.2/2025-Q2";
    private static final String FULL = """
            {"percentComplete": 45.5, "status": "ON_TRACK", "narrative": "全省推进情况良好。",
             "metrics": [{"name": "PM2.5年均浓度", "value": 31.5, "unit": "µg/m³"}]}""";

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aDraftIsCreatedThenReplacedWithItsVersionAndKeyKept() {
        String key = save(officer(), null, "{\"percentComplete\": 20}")
                .statusCode(201)
                .header("Location", endsWith(DRAFT))
                .header("ETag", equalTo("\"1\""))
                .contentType(startsWith("application/json"))
                .body("itemCode", equalTo("P3.2"))
                .body("period", equalTo("2025-Q2"))
                .body("provinceCode", equalTo("130000"))
                .body("percentComplete", equalTo(20.0f))
                .body("status", nullValue())
                .body("narrative", nullValue())
                .body("metrics", empty())
                .body("reportId", nullValue())
                .body("version", equalTo(1))
                .body("idempotencyKey", notNullValue())
                .body("updatedAt", notNullValue())
                .extract()
                .path("idempotencyKey");
        save(officer(), null, FULL)
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2))
                .body("idempotencyKey", equalTo(key))
                .body("status", equalTo("ON_TRACK"))
                .body("narrative", equalTo("全省推进情况良好。"))
                .body("metrics.name", contains("PM2.5年均浓度"));
        save(officer(), "\"2\"", "{\"status\": \"AT_RISK\"}")
                .statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("idempotencyKey", equalTo(key))
                .body("percentComplete", nullValue());

        // Resumed on another machine: a new token of the same officer.
        given().auth()
                .oauth2(officer())
                .get(DRAFT)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"3\""))
                .body("status", equalTo("AT_RISK"))
                .body("idempotencyKey", equalTo(key));
        assertEquals(1, data.count("SELECT count(*) FROM report_drafts"));
    }

    @Test
    void firstSavesAtOnceMakeOneDraft() throws Exception {
        int saves = 8;
        ExecutorService pool = Executors.newFixedThreadPool(saves);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < saves; i++) {
                String body = "{\"percentComplete\": " + i + "}";
                statuses.add(pool.submit(() -> {
                    start.await();
                    return save(officer(), null, body).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, answers.stream().filter(status -> status == 201).count(), answers.toString());
            assertEquals(
                    saves - 1, answers.stream().filter(status -> status == 200).count(), answers.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(officer()).get(DRAFT).then().statusCode(200).body("version", equalTo(saves));
        assertEquals(1, data.count("SELECT count(*) FROM report_drafts"));
    }

    @Test
    void aStaleIfMatchIsA412AndChangesNothing() {
        save(officer(), null, FULL).statusCode(201);
        save(officer(), null, FULL).statusCode(200);
        save(officer(), "\"1\"", "{\"percentComplete\": 99}")
                .statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("If-Match"));
        save(officer(), "\"1\"", "{\"percentComplete\": 99}", "/api/drafts/P3.1/2025-Q2")
                .statusCode(412);
        given().auth()
                .oauth2(officer())
                .get(DRAFT)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("percentComplete", equalTo(45.5f));
        assertEquals(1, data.count("SELECT count(*) FROM report_drafts"));
    }

    @Test
    void anotherOfficerOfTheSameBureauSeesNone() {
        save(officer(), null, FULL).statusCode(201);
        String colleague = TestTokens.forReporter("130000", "test-reporter-130000-colleague");
        given().auth()
                .oauth2(colleague)
                .get(DRAFT)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(colleague)
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("$", empty());
        given().auth().oauth2(colleague).delete(DRAFT).then().statusCode(404);
        // The colleague's own draft of the same report is another draft.
        save(colleague, null, "{\"percentComplete\": 10}").statusCode(201).body("version", equalTo(1));
        given().auth().oauth2(officer()).get(DRAFT).then().statusCode(200).body("percentComplete", equalTo(45.5f));
        // Another bureau's officer neither.
        given().auth()
                .oauth2(TestTokens.forReporter("110000"))
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("$", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ministry-admin", "ministry-reviewer", "viewer"})
    void otherRolesAreRefused(String role) {
        save(officer(), null, FULL).statusCode(201);
        String token = TestTokens.forRole(role);
        given().auth()
                .oauth2(token)
                .get("/api/drafts")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token).get(DRAFT).then().statusCode(403);
        given().auth().oauth2(token).delete(DRAFT).then().statusCode(403);
        save(token, null, FULL).statusCode(403);
    }

    @Test
    void anApproverIsRefused() {
        save(officer(), null, FULL).statusCode(201);
        given().auth()
                .oauth2(TestTokens.forApprover("130000"))
                .get("/api/drafts")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.forApprover("130000"))
                .get(DRAFT)
                .then()
                .statusCode(403);
    }

    @Test
    void badValuesAreA400NamingTheFieldWithNothingStored() {
        refused(DRAFT, "{\"narrative\": \"" + "很".repeat(5001) + "\"}", "narrative");
        refused(DRAFT, "{\"narrative\": \"a\\u0000b\"}", "narrative");
        refused(DRAFT, "{\"percentComplete\": 120}", "percentComplete");
        refused(DRAFT, "{\"percentComplete\": -1}", "percentComplete");
        refused(DRAFT, "{\"status\": \"FINE\"}", "status");
        refused(DRAFT, "{\"metrics\": [{\"name\": \" \", \"value\": 1}]}", "metrics[0].name");
        refused(DRAFT, "{\"provinceCode\": \"110000\"}", "provinceCode");
        refused(DRAFT, "{\"reportId\": \"" + UUID.randomUUID() + "\"}", "reportId");
        refused("/api/drafts/P3.2/2025-Q5", FULL, "period");
        refused("/api/drafts/P9.9/2025-Q2", FULL, "itemCode");
        refused("/api/drafts/P3.2/2024-Q2", FULL, "period");
        save(officer(), null, null).statusCode(400);
        assertEquals(0, data.count("SELECT count(*) FROM report_drafts"));
    }

    @Test
    void anAmendmentDraftNamesAReportOfTheSameProvinceItemAndPeriod() {
        String own = ReportApi.create("130000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        String foreign = ReportApi.create("110000", "P3.2", "2025-Q2", 40, "ON_TRACK");
        String otherItem = ReportApi.create("130000", "P3.1", "2025-Q2", 40, "ON_TRACK");
        refused(DRAFT, "{\"reportId\": \"" + foreign + "\"}", "reportId");
        refused(DRAFT, "{\"reportId\": \"" + otherItem + "\"}", "reportId");
        assertEquals(0, data.count("SELECT count(*) FROM report_drafts"));
        save(officer(), null, "{\"reportId\": \"" + own + "\", \"percentComplete\": 50}")
                .statusCode(201)
                .body("reportId", equalTo(own));
    }

    @Test
    void listedNewestFirstAndByPlan() {
        save(officer(), null, FULL, "/api/drafts/P3.1/2025-Q1").statusCode(201);
        clock.advance(Duration.ofSeconds(1));
        save(officer(), null, FULL, DRAFT).statusCode(201);
        given().auth()
                .oauth2(officer())
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("itemCode", contains("P3.2", "P3.1"))
                .body("period", contains("2025-Q2", "2025-Q1"));
        given().auth()
                .oauth2(officer())
                .queryParam("plan", "2025")
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().auth()
                .oauth2(officer())
                .queryParam("plan", "2026")
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("$", empty());
        given().auth()
                .oauth2(officer())
                .queryParam("plan", " ")
                .get("/api/drafts")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().auth()
                .oauth2(officer())
                .queryParam("plan", "25")
                .get("/api/drafts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("plan"));
    }

    @Test
    void deletedOnce() {
        save(officer(), null, FULL).statusCode(201);
        given().auth().oauth2(officer()).delete(DRAFT).then().statusCode(204);
        given().auth()
                .oauth2(officer())
                .delete(DRAFT)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(officer()).get(DRAFT).then().statusCode(404);
        String key = save(officer(), null, FULL)
                .statusCode(201)
                .body("version", equalTo(1))
                .extract()
                .path("idempotencyKey");
        assertNotEquals(null, key);
    }

    @Test
    void draftsAreNeverReportsRollupsEventsOrExports() {
        save(officer(), null, FULL).statusCode(201);
        save(officer(), null, FULL, "/api/drafts/P3.1/2025-Q2").statusCode(201);
        assertEquals(0, data.count("SELECT count(*) FROM outbox_event"));
        assertEquals(0, data.count("SELECT count(*) FROM report"));
        for (String token : new String[] {officer(), TestTokens.forRole("ministry-reviewer")}) {
            given().auth()
                    .oauth2(token)
                    .get("/api/reports")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(0));
            given().auth()
                    .oauth2(token)
                    .get("/api/rollups/items/P3.2")
                    .then()
                    .statusCode(200)
                    .body("coverage.reported", equalTo(0))
                    .body("provinces", empty());
        }
        String csv = given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .queryParam("plan", "2025")
                .get("/api/exports/reports.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(1, csv.strip().lines().count(), csv);
    }

    @Test
    void theDraftsKeySubmitsOneReportHoweverOftenItIsSent() {
        String key = save(officer(), null, FULL).statusCode(201).extract().path("idempotencyKey");
        String body = ReportApi.body("P3.2", "2025-Q2", 45.5, "ON_TRACK");
        String id =
                ReportApi.submit("130000", key, body).statusCode(201).extract().path("id");
        ReportApi.submit("130000", key, body)
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));
        assertEquals(1, data.count("SELECT count(*) FROM report"));
    }

    private static String officer() {
        return TestTokens.forReporter("130000");
    }

    private static ValidatableResponse save(String token, String ifMatch, String body) {
        return save(token, ifMatch, body, DRAFT);
    }

    private static ValidatableResponse save(String token, String ifMatch, String body, String path) {
        var request = given().auth().oauth2(token).contentType(JSON_UTF8);
        if (body != null) {
            request.body(body);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(path).then();
    }

    private static void refused(String path, String body, String field) {
        save(officer(), null, body, path)
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains(field));
    }
}
