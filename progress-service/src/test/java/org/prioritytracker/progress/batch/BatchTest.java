package org.prioritytracker.progress.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.progress.support.ReportApi.JSON_UTF8;
import static org.prioritytracker.progress.support.ReportApi.body;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class BatchTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aJsonBatchStoresExactlyTheGoodRows() {
        ReportApi.create("130000", "P1.1", "2025-Q1", 10, "ON_TRACK");
        String batch = "["
                + String.join(
                        ",",
                        body("P1.2", "2025-Q1", 20, "ON_TRACK"),
                        body("P1.3", "2025-Q1", 130, "ON_TRACK"),
                        body("P1.1", "2025-Q1", 15, "ON_TRACK"),
                        "{\"itemCode\": \"P9.9\", \"period\": \"2025-Q1\", \"percentComplete\": 5, \"status\": \"ON_TRACK\"}",
                        "\"not a report\"",
                        body("P2.1", "2025-03", 30, "BLOCKED"))
                + "]";
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType(JSON_UTF8)
                .body(batch)
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("created", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejected", equalTo(3))
                .body("rows.outcome", contains("CREATED", "INVALID", "DUPLICATE", "INVALID", "INVALID", "CREATED"))
                .body("rows[1].problem.errors[0].field", equalTo("percentComplete"))
                .body("rows[3].problem.errors[0].field", equalTo("itemCode"))
                .body("rows[2].reportId", notNullValue());
        assertEquals(3, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aCsvBatchFromASpreadsheet() {
        String csv =
                "\uFEFFitemCode,period,percentComplete,status,narrative,metric:PM2.5年均浓度 (µg/m³),metric:优良天数比例 (%)\r\n"
                        + "P3.1,2025-Q2,40,ON_TRACK,\"重污染天数同比减少, 成效明显\",31.5,82.3\r\n"
                        + "P3.2,2025-Q2,abc,ON_TRACK,,,\r\n"
                        + "P3.3,2025-Q2,55,AT_RISK,\"多行\n说明，含\"\"引号\"\"\",,\r\n"
                        + "P3.4,2025-Q2,20,ON_TRACK,,NaN,\r\n";
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("created", equalTo(2))
                .body("rejected", equalTo(2))
                .body("rows.row", contains(2, 3, 4, 5))
                .body("rows.outcome", contains("CREATED", "INVALID", "CREATED", "INVALID"))
                .body("rows[1].problem.errors[0].field", equalTo("percentComplete"));
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .get("/api/reports?item=P3.1")
                .then()
                .body("reports[0].narrative", equalTo("重污染天数同比减少, 成效明显"))
                .body("reports[0].metrics.name", contains("PM2.5年均浓度", "优良天数比例"))
                .body("reports[0].metrics[0].unit", equalTo("µg/m³"));
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .get("/api/reports?item=P3.3")
                .then()
                .body("reports[0].narrative", equalTo("多行\n说明，含\"引号\""));
        assertEquals(2, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aCsvWithoutARequiredColumnOrTooManyRowsIsRefusedWhole() {
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .contentType("text/csv; charset=UTF-8")
                .body("itemCode,period,status\nP3.1,2025-Q2,ON_TRACK\n")
                .post("/api/reports/batch")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("header"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append(body("P3.1", "2025-Q2", 1, "ON_TRACK"));
        }
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .contentType(JSON_UTF8)
                .body(many + "]")
                .post("/api/reports/batch")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .contentType(JSON_UTF8)
                .body("[]")
                .post("/api/reports/batch")
                .then()
                .statusCode(403);
        assertEquals(0, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void rowsWhoseItemCannotBeCheckedAreUnavailableAndNothingOfThemIsStored() {
        ReportApi.create("130000", "P2.1", "2025-Q1", 10, "ON_TRACK");
        FakeTaskService.get().down();
        try {
            String batch =
                    "[" + body("P2.1", "2025-Q2", 20, "ON_TRACK") + "," + body("P2.2", "2025-Q2", 20, "ON_TRACK") + "]";
            given().auth()
                    .oauth2(TestTokens.forReporter("130000"))
                    .contentType(JSON_UTF8)
                    .body(batch)
                    .post("/api/reports/batch")
                    .then()
                    .statusCode(200)
                    .body("created", equalTo(1))
                    .body("rejected", equalTo(1))
                    .body("rows.outcome", contains("CREATED", "UNAVAILABLE"))
                    .body("rows[1].problem.status", equalTo(503));
        } finally {
            FakeTaskService.get().up();
        }
        assertEquals(2, data.count("SELECT count(*) FROM report"), "the cached item's row only");
    }

    @Test
    void aCsvRowForAnotherProvinceIsRefusedAndTheOthersAreStored() {
        String csv = "itemCode,period,percentComplete,status,provinceCode\n"
                + "P3.1,2025-Q2,40,ON_TRACK,320000\n"
                + "P3.2,2025-Q2,40,ON_TRACK,130000\n"
                + "P3.3,2025-Q2,40,ON_TRACK,\n";
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("rows.outcome", contains("CREATED", "INVALID", "CREATED"))
                .body("rows[1].problem.status", equalTo(403))
                .body("rows[1].problem.errors[0].field", equalTo("provinceCode"));
        assertEquals(0, data.count("SELECT count(*) FROM report WHERE province_code <> '320000'"));
        assertEquals(2, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aRowWithTextThatCannotBeStoredIsInvalidAndTheOthersAreStored() {
        String batch = "[" + body("P4.1", "2025-Q1", 20, "ON_TRACK") + ","
                + body("P4.2", "2025-Q1", 20, "ON_TRACK").replace("全省推进情况良好。", "\\u0000") + ","
                + body("P4.3", "2025-Q1", 20, "ON_TRACK") + "]";
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType(JSON_UTF8)
                .body(batch)
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("rows.outcome", contains("CREATED", "INVALID", "CREATED"))
                .body("rows[1].problem.errors[0].field", equalTo("narrative"));
        String csv = "itemCode,period,percentComplete,status,narrative,metric:a\u0000b\n";
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType("text/csv; charset=UTF-8")
                .body(csv)
                .post("/api/reports/batch")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("header"));
        String cells =
                "itemCode,period,percentComplete,status,narrative\nP4.4,2025-Q1,20,ON_TRACK,x\u0000y\nP4.5,2025-Q1,20,ON_TRACK,ok\n";
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType("text/csv; charset=UTF-8")
                .body(cells)
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("rows.outcome", contains("INVALID", "CREATED"))
                .body("rows[0].problem.errors[0].field", equalTo("narrative"));
        assertEquals(3, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aCsvOfMoreThan500ReportsIsRefusedWhole() {
        StringBuilder csv = new StringBuilder("itemCode,period,percentComplete,status\n");
        for (int i = 0; i < 501; i++) {
            csv.append("P3.1,2025-Q2,1,ON_TRACK\n");
        }
        given().auth()
                .oauth2(TestTokens.forReporter("320000"))
                .contentType("text/csv; charset=UTF-8")
                .body(csv.toString())
                .post("/api/reports/batch")
                .then()
                .statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
        assertEquals(0, data.count("SELECT count(*) FROM report"));
    }
}
