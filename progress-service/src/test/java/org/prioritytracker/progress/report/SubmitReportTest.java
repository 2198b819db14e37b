package org.prioritytracker.progress.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.progress.support.ReportApi.body;
import static org.prioritytracker.progress.support.ReportApi.submit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class SubmitReportTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @Inject
    IdempotencyKeyCleanup cleanup;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void storesAReportForTheTokensProvince() {
        String id = submit("130000", "k-1", body("P3.2", "2025-Q2", 45.5, "ON_TRACK"))
                .statusCode(201)
                .header("Location", containsString("/api/reports/"))
                .header("ETag", equalTo("\"1\""))
                .body("provinceCode", equalTo("130000"))
                .body("itemCode", equalTo("P3.2"))
                .body("period", equalTo("2025-Q2"))
                .body("percentComplete", equalTo(45.5f))
                .body("status", equalTo("ON_TRACK"))
                .body("narrative", equalTo("全省推进情况良好。"))
                .body("metrics[0].unit", equalTo("µg/m³"))
                .body("submittedBy", equalTo("test-reporter-130000"))
                .body("version", equalTo(1))
                .body("reviewState", equalTo("SUBMITTED"))
                .extract()
                .path("id");
        UUID.fromString(id);
        assertEquals(1, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aRepeatWithTheSameKeyAndBodyReturnsTheSameReport() {
        String first = submit("130000", "same-key", body("P3.2", "2025-Q2", 45.5, "ON_TRACK"))
                .statusCode(201)
                .extract()
                .path("id");
        submit("130000", "same-key", body("P3.2", "2025-Q2", 45.5, "ON_TRACK"))
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        assertEquals(1, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void anIdempotencyKeyIsKeptFortyEightHoursThenForgotten() {
        submit("130000", "kept-key", body("P3.2", "2025-Q2", 45.5, "ON_TRACK")).statusCode(201);
        try {
            clock.advance(Duration.ofHours(47));
            assertEquals(0, cleanup.removeExpired());
            submit("130000", "kept-key", body("P3.2", "2025-Q2", 45.5, "ON_TRACK"))
                    .statusCode(201)
                    .header("Idempotent-Replayed", "true");
            submit("130000", "kept-key", body("P3.3", "2025-Q2", 45.5, "ON_TRACK"))
                    .statusCode(422);

            clock.advance(Duration.ofHours(2));
            assertEquals(1, cleanup.removeExpired());
            // Forgotten: the key may name a new report now.
            submit("130000", "kept-key", body("P3.3", "2025-Q2", 45.5, "ON_TRACK"))
                    .statusCode(201)
                    .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        } finally {
            clock.reset();
        }
        assertEquals(2, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        submit("130000", "key-2", body("P3.2", "2025-Q2", 45.5, "ON_TRACK")).statusCode(201);
        submit("130000", "key-2", body("P3.2", "2025-Q2", 50, "ON_TRACK"))
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(1, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void twoConcurrentSubmissionsWithTheSameKeyStoreOneReport() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return submit("130000", "racing-key", body("P1.1", "2025-Q1", 20, "ON_TRACK"))
                            .statusCode(201)
                            .extract()
                            .<String>path("id");
                }));
            }
            start.countDown();
            String id = results.get(0).get();
            for (Future<String> result : results) {
                assertEquals(id, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, data.count("SELECT count(*) FROM report"));
        assertEquals(1, data.count("SELECT count(*) FROM report_version"));
    }

    @Test
    void manySubmissionsAtOnceEachGetTheAnswerTheyWouldHaveHadAlone() throws Exception {
        // A deadline's rush on one item: sixteen bureaus at once, one repeating its request, one sending a second
        // report.
        List<String> provinces = List.of(
                "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000",
                "330000", "340000", "350000", "360000", "370000", "410000");
        List<String[]> requests = new ArrayList<>();
        provinces.forEach(province -> requests.add(new String[] {province, "rush-" + province}));
        requests.add(new String[] {"130000", "rush-130000"});
        requests.add(new String[] {"140000", "another-key"});
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (String[] request : requests) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return submit(request[0], request[1], body("P3.2", "2025-Q1", 30, "ON_TRACK"))
                            .extract()
                            .response();
                }));
            }
            start.countDown();
            List<Integer> hebei = new ArrayList<>();
            List<Integer> shanxi = new ArrayList<>();
            List<String> hebeiIds = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Response answer = answers.get(i).get();
                String province = requests.get(i)[0];
                if (province.equals("130000")) {
                    hebei.add(answer.statusCode());
                    hebeiIds.add(answer.path("id"));
                } else if (province.equals("140000")) {
                    shanxi.add(answer.statusCode());
                } else {
                    assertEquals(201, answer.statusCode(), province);
                }
            }
            assertEquals(List.of(201, 201), hebei);
            assertEquals(hebeiIds.get(0), hebeiIds.get(1));
            assertEquals(List.of(201, 409), shanxi.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, data.count("SELECT count(*) FROM report"));
        assertEquals(16, data.count("SELECT count(*) FROM report_version"));
        assertEquals(16, data.count("SELECT count(*) FROM latest_report WHERE item_code = 'P3.2'"));
        assertEquals(16, data.count("SELECT count(*) FROM idempotency_key"));
        assertEquals(16, data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.report.submitted'"));
        assertEquals(
                16, data.count("SELECT count(*) FROM outbox_event WHERE type = 'tracker.province-progress.changed'"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("tracker_reports_group_commit_size_count"));
    }

    @Test
    void aSecondReportForTheSameProvinceItemAndPeriodIs409PointingToTheFirst() {
        String first = submit("130000", "a", body("P3.2", "2025-Q2", 45.5, "ON_TRACK"))
                .statusCode(201)
                .extract()
                .path("id");
        submit("130000", "b", body("P3.2", "2025-Q2", 60, "AT_RISK"))
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .header("Location", containsString("/api/reports/" + first));
        assertEquals(1, data.count("SELECT count(*) FROM report"));
        assertEquals(1, data.count("SELECT count(*) FROM idempotency_key"));
        submit("320000", "c", body("P3.2", "2025-Q2", 60, "AT_RISK")).statusCode(201);
    }

    @Test
    void aBodyNamingAnotherProvinceIs403() {
        submit(
                        "130000",
                        "x",
                        body("P3.2", "2025-Q2", 45.5, "ON_TRACK")
                                .replaceFirst("\\{", "{\"provinceCode\": \"320000\", "))
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        assertEquals(0, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void everyFieldErrorIsA400NamingTheFieldAndStoresNothing() {
        submit("130000", "v1", """
                {"itemCode": "P3.2", "period": "2025-Q5", "percentComplete": 120, "status": "FINE",
                 "metrics": [{"name": "", "value": 1}]}""").statusCode(400).contentType(startsWith("application/problem+json"));
        submit("130000", "v2", """
                {"itemCode": "P3.2", "period": "2025-Q5", "percentComplete": 120, "status": "ON_TRACK",
                 "metrics": [{"name": "", "value": 1}]}""")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("percentComplete", "metrics[0].name"));
        submit("130000", "v3", body("P3.2", "2025-Q5", 10, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        submit("130000", "v5", body("P3.2", "2024-12", 10, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].message", startsWith("must lie in 2025"));
        submit("130000", "v6", body("P9.9", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].field", equalTo("itemCode"));
        submit("130000", "v7", body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("31.5", "1e400"))
                .statusCode(400)
                .body("errors[0].field", equalTo("metrics[0].value"));
        submit(
                        "130000",
                        "v8",
                        body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("\"status\"", "\"colour\": 1, \"status\""))
                .statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        submit("130000", "v9", body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("全省推进情况良好。", "长".repeat(5001)))
                .statusCode(400)
                .body("errors[0].field", equalTo("narrative"));
        submit("130000", "v10", "{\"itemCode\": ").statusCode(400).contentType(startsWith("application/problem+json"));
        submit("130000", "v10a", body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("全省推进情况良好。", "全省\\u0000推进"))
                .statusCode(400)
                .body("errors[0].field", equalTo("narrative"))
                .body(
                        "errors[0].message",
                        equalTo("contains the character U+0000 at position 2, which cannot be stored"));
        submit("130000", "v10b", body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("PM2.5年均浓度", "PM\\u00002.5"))
                .statusCode(400)
                .body("errors[0].field", equalTo("metrics[0].name"));
        // Found by HostileInputIT: bytes Jackson takes for UTF-32 of an unusual order.
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .header("Idempotency-Key", "v10c")
                .contentType("application/json")
                .body(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'})
                .post("/api/reports")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .header("Idempotency-Key", "v10d")
                .contentType("%00")
                .body(body("P3.2", "2025-Q1", 10, "ON_TRACK").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/reports")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("Content-Type"));
        submit("130000", "v11", body("P3.2", "2025-Q1", 10, "ON_TRACK").replace("10.0,", "\"ten\","))
                .statusCode(400)
                .body("errors[0].field", equalTo("percentComplete"));
        submit("130000", null, body("P3.2", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        submit("999999", "v12", body("P3.2", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(400)
                .body("errors[0].field", equalTo("provinceCode"));
        assertEquals(0, data.count("SELECT count(*) FROM report"));
        assertEquals(0, data.count("SELECT count(*) FROM idempotency_key"));
        assertEquals(0, data.count("SELECT count(*) FROM outbox_event"));
    }

    @Test
    void aPeriodMayBeReportedOnceItHasBegunInBeijing() {
        // 2025-09-30 23:59 in Beijing: the fourth quarter has not begun there yet.
        clock.set(Instant.parse("2025-09-30T15:59:00Z"));
        try {
            submit("130000", "q4-early", body("P3.2", "2025-Q4", 10, "ON_TRACK"))
                    .statusCode(400)
                    .body("errors[0].field", equalTo("period"))
                    .body("errors[0].message", equalTo("lies in the future (it begins on 2025-10-01, Beijing time)"));
            submit("130000", "m10-early", body("P3.2", "2025-10", 10, "ON_TRACK"))
                    .statusCode(400)
                    .body("errors[0].field", equalTo("period"));
            assertEquals(0, data.count("SELECT count(*) FROM report"));

            // A minute later it is 1 October in Beijing (still 30 September in UTC).
            clock.set(Instant.parse("2025-09-30T16:00:00Z"));
            submit("130000", "q4-on-time", body("P3.2", "2025-Q4", 10, "ON_TRACK"))
                    .statusCode(201);
        } finally {
            clock.reset();
        }
    }

    @Test
    void listingParametersThatCannotBeStoredOrOverflowAre400() {
        given().urlEncodingEnabled(false)
                .auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports?item=P3%002")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("item"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports?page=21474837&size=100")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }

    @Test
    void textIsStoredAsGivenNeverInterpreted() {
        String narrative = "<script>alert(1)</script> 10% “引号” \\\\ ${x} ' OR 1=1 --";
        String id = submit(
                        "130000", "t", body("P3.3", "2025-Q1", 10, "ON_TRACK").replace("全省推进情况良好。", narrative))
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(org.prioritytracker.testsupport.TestTokens.forRole("viewer"))
                .get("/api/reports/" + id)
                .then()
                .body("narrative", equalTo("<script>alert(1)</script> 10% “引号” \\ ${x} ' OR 1=1 --"));
    }
}
