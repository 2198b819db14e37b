package org.prioritytracker.progress.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.ProblemException;

/** CSV from spreadsheets, read with Apache Commons CSV, limits checked while reading. */
@Tag("domain")
class CsvReportsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSpreadsheetRowBecomesTheReportAClientWouldSend() {
        List<CsvReports.Row> rows = parse("\uFEFFItemCode,PERIOD,percentComplete,status,narrative,provinceCode,"
                + "metric:PM2.5年均浓度 (µg/m³),metric:优良天数比例(%),metric:断面数\r\n"
                + "P3.1,2025-Q2,\"1,040.5\",ON_TRACK,\"重污染天数同比减少, 成效明显\",130000,31.5,,12\r\n");
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("""
                {"itemCode":"P3.1","period":"2025-Q2","percentComplete":1040.5,"status":"ON_TRACK",\
                "narrative":"重污染天数同比减少, 成效明显","provinceCode":"130000",\
                "metrics":[{"name":"PM2.5年均浓度","value":31.5,"unit":"µg/m³"},{"name":"断面数","value":12.0}]}""", rows.get(0).report().toString());
    }

    @Test
    void quotedCellsMayHoldQuotesAndLineBreaksAndRowsAreNamedByRecord() {
        List<CsvReports.Row> rows = parse("itemCode,period,percentComplete,status,narrative\n"
                + "P3.3,2025-Q2,55,AT_RISK,\"多行\n说明，含\"\"引号\"\"\"\n"
                + "\n"
                + ",,,,\n"
                + "P3.4,2025-Q2,abc,ON_TRACK,\n"
                + "P3.5,2025-Q2,NaN,ON_TRACK,,extra\n");
        assertEquals(List.of(2, 5, 6), rows.stream().map(CsvReports.Row::line).toList());
        assertEquals("多行\n说明，含\"引号\"", rows.get(0).report().get("narrative").asText());
        assertTrue(
                rows.get(1).report().get("percentComplete").isTextual(), "not a number: left for validation to refuse");
        assertTrue(rows.get(2).report().get("percentComplete").isTextual(), "NaN is no percentage");
        assertEquals(1, rows.get(2).report().get("extraCells").asInt());
        assertFalse(rows.get(0).report().has("extraCells"));
    }

    @Test
    void theHeaderMustNameTheRequiredColumnsAndNoUnknownOne() {
        assertEquals("lacks the column percentComplete", problem("itemCode,period,status\nP3.1,2025-Q2,ON_TRACK\n"));
        assertTrue(problem("itemCode,period,percentComplete,status,colour\n")
                .startsWith("has an unknown column 'colour'"));
        assertTrue(problem("itemCode,period,percentComplete,status,metric: (kg)\n")
                .startsWith("has a metric column without a name"));
        assertEquals("is empty: expected a header row and at least one report", problem(""));
        assertTrue(problem("itemCode,\"period\n").startsWith("is not well-formed CSV"));
    }

    @Test
    void limitsAreCheckedWhileReading() {
        StringBuilder wide = new StringBuilder("itemCode,period,percentComplete,status");
        for (int i = 0; i < CsvReports.MAX_COLUMNS; i++) {
            wide.append(",metric:m").append(i);
        }
        assertTrue(problem(wide + "\n").startsWith("has 68 columns"));
        assertTrue(problem("itemCode,period,percentComplete,status,metric:" + "长".repeat(300) + "\n")
                .startsWith("has a column name longer than"));

        StringBuilder many = new StringBuilder("itemCode,period,percentComplete,status\n");
        for (int i = 0; i < 4; i++) {
            many.append("P3.1,2025-Q2,1,ON_TRACK\n");
        }
        ProblemException tooMany = assertThrows(
                ProblemException.class, () -> CsvReports.parse(new StringReader(many.toString()), 3, mapper));
        assertEquals("body", tooMany.problem().errors().get(0).field());
        assertEquals(
                4,
                CsvReports.parse(new StringReader(many.toString()), 4, mapper).size());

        List<CsvReports.Row> long_ = parse("itemCode,period,percentComplete,status,narrative\nP3.1,2025-Q2,1,ON_TRACK,"
                + "x".repeat(CsvReports.MAX_CELL + 1) + "\n");
        assertEquals("narrative", long_.get(0).report().get("oversizedCell").asText());
        assertFalse(long_.get(0).report().has("narrative"));
    }

    @Test
    void aHostileHeaderIsReadInLinearTime() {
        // The pattern this parser replaced backtracked quadratically on such a header (9 s for 20,000).
        String header = "itemCode,period,percentComplete,status,metric:" + "(".repeat(150_000) + "\n";
        assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> assertTrue(problem(header).startsWith("has a column name longer")));
        String metric = "itemCode,period,percentComplete,status,metric:a" + " (".repeat(90) + "\n";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> parse(metric + "P3.1,2025-Q2,1,ON_TRACK,2\n"));
    }

    @Test
    void aMetricHeaderNamesItsUnitInTheLastParentheses() {
        assertEquals(new CsvReports.Column(null, "PM2.5年均浓度", "µg/m³"), CsvReports.column("metric:PM2.5年均浓度 (µg/m³)"));
        assertEquals(new CsvReports.Column(null, "a (b)", "c"), CsvReports.column("Metric: a (b) (c)"));
        assertEquals(new CsvReports.Column(null, "断面数", null), CsvReports.column("metric:断面数"));
        assertEquals(new CsvReports.Column(null, "x", ""), CsvReports.column("metric:x ()"));
        assertEquals(new CsvReports.Column("provinceCode", null, null), CsvReports.column("PROVINCECODE"));
    }

    private List<CsvReports.Row> parse(String csv) {
        return CsvReports.parse(new StringReader(csv), 500, mapper);
    }

    private String problem(String csv) {
        ProblemException e = assertThrows(ProblemException.class, () -> parse(csv));
        assertEquals(400, e.problem().status());
        return e.problem().errors().get(0).message();
    }
}
