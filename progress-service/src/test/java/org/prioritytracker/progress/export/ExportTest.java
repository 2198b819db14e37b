package org.prioritytracker.progress.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

/** Exports open in Apache POI (and CSV readers) with the expected rows, and a reporter exports only its province. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class ExportTest {

    @Inject
    TestData data;

    @Inject
    MutableClock clock;

    @BeforeEach
    void reset() {
        data.reset();
        clock.set(Instant.parse("2025-07-05T02:00:00Z"));
        ReportApi.create("130000", "P3.2", "2025-Q2", 45.5, "ON_TRACK");
        ReportApi.create("320000", "P3.2", "2025-Q2", 60, "AT_RISK");
        ReportApi.create("320000", "P3.1", "2025-05", 20, "BLOCKED");
        ReportApi.create("320000", "P3.1", "2025-Q1", 10, "ON_TRACK");
    }

    @Test
    void theReportsOfAPeriodAreAWorkbookWithAFrozenChineseHeadingRow() throws IOException {
        List<List<String>> rows =
                workbook("viewer", "/api/exports/reports.xlsx?plan=2025&period=2025-Q2", "reports-2025-Q2.xlsx");
        List<String> heading = rows.get(0);
        assertEquals(List.of("省份代码", "省份", "子项代码", "子项", "报告期", "完成百分比", "状态", "审核状态", "进展说明"), heading.subList(0, 9));
        assertTrue(heading.contains("指标：PM2.5年均浓度 (µg/m³)"), heading.toString());
        // The quarter and a month within it; not the first quarter.
        assertEquals(3, rows.size() - 1);
        List<String> hebei = rows.stream()
                .filter(row -> row.get(0).equals("130000"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(
                        "130000",
                        "河北省",
                        "P3.2",
                        "持续深入推进碧水保卫战",
                        "2025-Q2",
                        "45.5",
                        "ON_TRACK",
                        "SUBMITTED",
                        "全省推进情况良好。"),
                hebei.subList(0, 9));
        assertEquals("31.5", hebei.get(heading.indexOf("指标：PM2.5年均浓度 (µg/m³)")));
        assertEquals("2025-07-05 10:00", hebei.get(heading.indexOf("首次提交时间")));
    }

    @Test
    void theBureausDecisionHasItsColumns() throws IOException {
        String id = given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/reports?province=320000&item=P3.2")
                .then()
                .extract()
                .path("reports[0].id");
        ReportApi.approve(TestTokens.forApprover("320000"), id, "\"1\"", "RETURNED", "请补充监测数据")
                .statusCode(200);
        List<List<String>> rows =
                workbook("viewer", "/api/exports/reports.xlsx?plan=2025&period=2025-Q2", "reports-2025-Q2.xlsx");
        List<String> heading = rows.get(0);
        assertEquals(
                List.of("审核意见", "省级审批结果", "省级审批人", "省级审批时间", "省级审批意见"),
                heading.subList(heading.indexOf("审核意见"), heading.indexOf("审核意见") + 5));
        List<String> jiangsu = rows.stream()
                .filter(row -> row.get(0).equals("320000") && row.get(2).equals("P3.2"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("RETURNED", "test-approver-320000", "2025-07-05 10:00", "请补充监测数据"),
                jiangsu.subList(heading.indexOf("省级审批结果"), heading.indexOf("省级审批意见") + 1));
        List<String> hebei = rows.stream()
                .filter(row -> row.get(0).equals("130000"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("", "", "", ""), hebei.subList(heading.indexOf("省级审批结果"), heading.indexOf("省级审批意见") + 1));
        CSVRecord csvRow = csv("viewer", "/api/exports/reports.csv?plan=2025&period=2025-Q2").stream()
                .filter(r -> r.get("省份代码").equals("320000") && r.get("子项代码").equals("P3.2"))
                .findFirst()
                .orElseThrow();
        assertEquals("RETURNED", csvRow.get("省级审批结果"));
        assertEquals("请补充监测数据", csvRow.get("省级审批意见"));
    }

    @Test
    void aReporterExportsItsOwnProvinceOnly() throws IOException {
        List<List<String>> rows =
                workbook("reporter:320000", "/api/exports/reports.xlsx?plan=2025", "reports-2025.xlsx");
        assertEquals(3, rows.size() - 1);
        assertTrue(
                rows.subList(1, rows.size()).stream().allMatch(row -> row.get(0).equals("320000")));
        List<CSVRecord> timeliness = csv("reporter:320000", "/api/exports/timeliness.csv?plan=2025");
        assertEquals(2, timeliness.size(), "its bureau and the nation");
        assertEquals("320000", timeliness.get(0).get("省份代码"));
        assertEquals("全国", timeliness.get(1).get("省份"));
    }

    @Test
    void theTimelinessTableHasEveryBureauAndTheNation() throws IOException {
        List<List<String>> rows = workbook(
                "ministry-admin", "/api/exports/timeliness.xlsx?plan=2025&period=2025-Q1", "timeliness-2025-Q1.xlsx");
        assertEquals(List.of("省份代码", "省份", "应报", "已报", "按时", "迟报", "缺报", "完整率（%）", "及时率（%）"), rows.get(0));
        assertEquals(1 + 32 + 1, rows.size());
        List<String> jiangsu = rows.stream()
                .filter(row -> row.get(0).equals("320000"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("320000", "江苏省", "31", "1", "0", "1", "30", "3.2", "0"), jiangsu);
        assertEquals(List.of("", "全国", "992", "1", "0", "1", "991", "0.1", "0"), rows.get(rows.size() - 1));
    }

    @Test
    void theReportsAsCsvCarryAByteOrderMarkForExcel() throws IOException {
        byte[] body = given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/exports/reports.csv?plan=2025&period=2025-Q2")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"reports-2025-Q2.csv\""))
                .extract()
                .asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(body[0], body[1], body[2]));
        List<CSVRecord> records = parse(body);
        assertEquals(3, records.size());
        assertEquals(
                "全省推进情况良好。",
                records.stream()
                        .filter(r -> r.get("省份代码").equals("130000"))
                        .findFirst()
                        .orElseThrow()
                        .get("进展说明"));
    }

    @Test
    void badQuestionsAreProblemsNotFiles() {
        String viewer = TestTokens.forRole("viewer");
        given().auth()
                .oauth2(viewer)
                .get("/api/exports/reports.xlsx")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("plan"));
        given().auth()
                .oauth2(viewer)
                .get("/api/exports/reports.xlsx?plan=2025&period=2024-Q1")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().auth()
                .oauth2(viewer)
                .get("/api/exports/timeliness.csv?plan=2025&period=x")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().auth()
                .oauth2(viewer)
                .get("/api/exports/reports.csv?plan=2024")
                .then()
                .statusCode(404);
        given().get("/api/exports/reports.csv?plan=2025").then().statusCode(401);
    }

    private static List<List<String>> workbook(String who, String path, String fileName) throws IOException {
        byte[] body = given().auth()
                .oauth2(token(who))
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith(ExportResource.XLSX))
                .header("Content-Disposition", containsString("filename=\"" + fileName + "\""))
                .extract()
                .asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertTrue(
                    sheet.getPaneInformation() != null
                            && sheet.getPaneInformation().isFreezePane(),
                    "the heading row is frozen");
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitTopRow());
            DataFormatter format = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int column = 0; column < row.getLastCellNum(); column++) {
                    Cell cell = row.getCell(column);
                    cells.add(cell == null ? "" : format.formatCellValue(cell));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    private static List<CSVRecord> csv(String who, String path) throws IOException {
        return parse(given().auth()
                .oauth2(token(who))
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
    }

    private static List<CSVRecord> parse(byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }

    private static String token(String who) {
        return who.startsWith("reporter:") ? TestTokens.forReporter(who.substring(9)) : TestTokens.forRole(who);
    }
}
