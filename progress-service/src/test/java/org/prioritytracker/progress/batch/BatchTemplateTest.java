package org.prioritytracker.progress.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

/** The CSV template of a period: downloaded, filled in a spreadsheet, uploaded to the batch as it is. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class BatchTemplateTest {

    private static final String TEMPLATE = "/api/reports/batch/template";

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void aRowPerActiveSubItemWithTheOtherCellsEmpty() {
        FakeTaskService.get().archive("P3.5", "2025-03-01T00:00:00+08:00");
        byte[] bytes = given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .queryParam("period", "2025-Q3")
                .get(TEMPLATE)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("reports-2025-Q3.csv"))
                .extract()
                .asByteArray();
        assertEquals((byte) 0xEF, bytes[0], "a UTF-8 byte-order mark for Excel");
        List<String> lines = lines(bytes);
        assertEquals("itemCode,period,percentComplete,status,narrative", lines.get(0));
        assertTrue(lines.contains("P1.1,2025-Q3,,,"), lines.toString());
        assertTrue(lines.contains("P3.4,2025-Q3,,,"));
        assertFalse(lines.contains("P3.5,2025-Q3,,,"), "an archived sub-item expects no report");
        assertTrue(
                lines.stream().skip(1).allMatch(line -> line.matches("P[0-9]+\\.[0-9]+,2025-Q3,,,")), lines.toString());
    }

    @Test
    void filledInItIsAcceptedAndTheRowsLeftEmptyAreRefusedOneByOne() {
        List<String> lines = lines(given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .queryParam("period", "2025-Q2")
                .get(TEMPLATE)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        int items = lines.size() - 1;
        List<String> filled = new ArrayList<>(lines);
        filled.set(1, lines.get(1).replace(",,,", ",40,ON_TRACK,\"进展顺利，按期推进\""));
        filled.set(2, lines.get(2).replace(",,,", ",55.5,AT_RISK,"));
        String csv = "\uFEFF" + String.join("\r\n", filled) + "\r\n";
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/reports/batch")
                .then()
                .statusCode(200)
                .body("created", equalTo(2))
                .body("rejected", equalTo(items - 2))
                .body("rows[0].outcome", equalTo("CREATED"))
                .body("rows[1].outcome", equalTo("CREATED"))
                .body("rows[0].itemCode", equalTo(lines.get(1).split(",")[0]))
                .body("rows.findAll { it.row > 3 }.outcome", everyItem(equalTo("INVALID")))
                .body("rows[2].row", equalTo(4))
                .body("rows[2].itemCode", equalTo(lines.get(3).split(",")[0]))
                .body("rows[2].problem.errors.field", contains("percentComplete", "status"));
        assertEquals(2, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aMissingOrBadPeriodIsA400() {
        for (String period : new String[] {null, "", "2025-Q5", "Q3", "2031-Q1"}) {
            var request = given().auth().oauth2(TestTokens.forReporter("130000"));
            if (period != null) {
                request.queryParam("period", period);
            }
            request.get(TEMPLATE)
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("period"));
        }
    }

    @Test
    void forReportersOnly() {
        for (String role : new String[] {"viewer", "ministry-reviewer", "ministry-admin"}) {
            given().auth()
                    .oauth2(TestTokens.forRole(role))
                    .queryParam("period", "2025-Q2")
                    .get(TEMPLATE)
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(TestTokens.forApprover("130000"))
                .queryParam("period", "2025-Q2")
                .get(TEMPLATE)
                .then()
                .statusCode(403);
    }

    private static List<String> lines(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .lines()
                .toList();
    }
}
