package org.prioritytracker.progress.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class RollupTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
        // P3.2: four provinces; 110000 is still on Q1, the others reported Q2.
        ReportApi.create("110000", "P3.2", "2025-Q1", 30, "ON_TRACK");
        ReportApi.create("130000", "P3.2", "2025-Q1", 10, "ON_TRACK");
        ReportApi.create("130000", "P3.2", "2025-Q2", 60, "ON_TRACK");
        ReportApi.create("320000", "P3.2", "2025-Q2", 70, "ON_TRACK");
        ReportApi.create("440000", "P3.2", "2025-Q2", 80, "AT_RISK");
        ReportApi.create("130000", "P3.1", "2025-Q2", 50, "BLOCKED");
    }

    @Test
    void anUnchangedRollupIsA304UntilAReportChangesIt() {
        String viewer = TestTokens.forRole("viewer");
        for (String path : List.of(
                "/api/rollups/overview",
                "/api/rollups/items/P3.2",
                "/api/rollups/priorities/P3",
                "/api/rollups/provinces/130000",
                "/api/rollups/heatmap")) {
            String etag = given().auth()
                    .oauth2(viewer)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"))
                    .extract()
                    .header("ETag");
            given().auth()
                    .oauth2(viewer)
                    .header("If-None-Match", etag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", equalTo(etag))
                    .body(emptyString());
            given().auth()
                    .oauth2(viewer)
                    .header("If-None-Match", "\"stale\", W/" + etag)
                    .get(path)
                    .then()
                    .statusCode(304);
            given().auth()
                    .oauth2(viewer)
                    .header("If-None-Match", "\"stale\"")
                    .get(path)
                    .then()
                    .statusCode(200);
        }
        String before = given().auth()
                .oauth2(viewer)
                .get("/api/rollups/items/P3.2")
                .then()
                .extract()
                .header("ETag");
        ReportApi.create("510000", "P3.2", "2025-Q2", 90, "COMPLETED");
        given().auth()
                .oauth2(viewer)
                .header("If-None-Match", before)
                .get("/api/rollups/items/P3.2")
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(before)))
                .body("coverage.reported", equalTo(4));
    }

    @Test
    void anItemAcrossTheProvincesFromEachOnesLatestReport() {
        // Latest per province: 110000 30 (Q1), 130000 60, 320000 70, 440000 80 -> mean 60.
        asViewer("/api/rollups/items/P3.2")
                .statusCode(200)
                .body("nationalMeanPercent", equalTo(60.0f))
                .body("latestPeriod", equalTo("2025-Q2"))
                .body("coverage.reported", equalTo(3))
                .body("coverage.expected", equalTo(32))
                .body("provinces", hasSize(4))
                .body("provinces.find { it.provinceCode == '130000' }.period", equalTo("2025-Q2"))
                .body("behind.provinceCode", containsInAnyOrder("110000", "440000"))
                .body("behind.find { it.provinceCode == '110000' }.reasons", contains("BELOW_MEAN"))
                .body("behind.find { it.provinceCode == '440000' }.reasons", contains("AT_RISK"));
    }

    @Test
    void aPriorityTheOverviewAndAProvince() {
        asViewer("/api/rollups/priorities/P3")
                .statusCode(200)
                .body("items.itemCode", contains("P3.1", "P3.2", "P3.3", "P3.4", "P3.5"))
                .body("meanPercent", equalTo(55.0f))
                .body("statusCounts.ON_TRACK", equalTo(3))
                .body("statusCounts.AT_RISK", equalTo(1))
                .body("statusCounts.BLOCKED", equalTo(1))
                .body("coverage.reported", equalTo(4))
                .body("coverage.expected", equalTo(160))
                .body("items[2].meanPercent", nullValue());
        given().auth()
                .oauth2(TestTokens.forReporter("130000"))
                .get("/api/rollups/overview")
                .then()
                .statusCode(200)
                .body("priorities", hasSize(8))
                .body("priorities[2].meanPercent", equalTo(55.0f))
                .body("priorities[0].meanPercent", nullValue())
                .body("coverage.expected", equalTo(32 * 31));
        asViewer("/api/rollups/provinces/130000")
                .statusCode(200)
                .body("nameZh", equalTo("河北省"))
                .body("items.itemCode", contains("P3.1", "P3.2"))
                .body("meanPercent", equalTo(55.0f))
                .body("reportedItems", equalTo(2))
                .body("totalItems", equalTo(31));
    }

    @Test
    void theHeatmapHasEachProvincesLatestReportPerItem() {
        asViewer("/api/rollups/heatmap")
                .statusCode(200)
                .body("cells", hasSize(5))
                .body("cells.find { it.itemCode == 'P3.2' && it.provinceCode == '130000' }.period", equalTo("2025-Q2"))
                .body("cells.find { it.itemCode == 'P3.1' }.status", equalTo("BLOCKED"))
                .body("cells.find { it.itemCode == 'P3.1' }.reportId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anAmendmentMovesTheRollup() {
        String guangdong = reportOnP32("440000", "2025-Q2");
        ReportApi.amend("440000", guangdong, "\"1\"", ReportApi.body("P3.2", "2025-Q2", 20, "ON_TRACK"))
                .statusCode(200);
        // Latest per province now: 110000 30 (Q1), 130000 60, 320000 70, 440000 20 -> mean 45.
        asViewer("/api/rollups/items/P3.2")
                .statusCode(200)
                .body("nationalMeanPercent", equalTo(45.0f))
                .body("provinces.find { it.provinceCode == '440000' }.percentComplete", equalTo(20.0f))
                .body("behind.provinceCode", containsInAnyOrder("110000", "440000"))
                .body("behind.find { it.provinceCode == '440000' }.reasons", contains("BELOW_MEAN"));
        asViewer("/api/rollups/heatmap")
                .body(
                        "cells.find { it.itemCode == 'P3.2' && it.provinceCode == '440000' }.status",
                        equalTo("ON_TRACK"));
    }

    @Test
    void aReportOfAnEarlierPeriodSentLateLeavesTheLaterStanding() {
        ReportApi.create("320000", "P3.2", "2025-Q1", 5, "AT_RISK");
        asViewer("/api/rollups/items/P3.2")
                .statusCode(200)
                .body("nationalMeanPercent", equalTo(60.0f))
                .body("provinces.find { it.provinceCode == '320000' }.period", equalTo("2025-Q2"));
    }

    @Test
    void anAmendmentOfAnEarlierPeriodLeavesTheLaterStanding() {
        String hebeiFirstQuarter = reportOnP32("130000", "2025-Q1");
        ReportApi.amend("130000", hebeiFirstQuarter, "\"1\"", ReportApi.body("P3.2", "2025-Q1", 15, "AT_RISK"))
                .statusCode(200);
        // 130000 still stands on its Q2 report (60), not on the amended Q1 one.
        asViewer("/api/rollups/items/P3.2")
                .statusCode(200)
                .body("nationalMeanPercent", equalTo(60.0f))
                .body("provinces.find { it.provinceCode == '130000' }.period", equalTo("2025-Q2"))
                .body("provinces.find { it.provinceCode == '130000' }.percentComplete", equalTo(60.0f));
    }

    @Test
    void unknownCodesAre404() {
        asViewer("/api/rollups/items/P9.9").statusCode(404);
        asViewer("/api/rollups/priorities/P9").statusCode(404);
        asViewer("/api/rollups/provinces/999999").statusCode(404);
    }

    /** The id of a province's report on P3.2 for a period, as its bureau lists it. */
    /** A rollup as a viewer (a dashboard) reads it. */
    private static ValidatableResponse asViewer(String path) {
        return given().auth().oauth2(TestTokens.forRole("viewer")).get(path).then();
    }

    private static String reportOnP32(String province, String period) {
        return given().auth()
                .oauth2(TestTokens.forReporter(province))
                .get("/api/reports?item=P3.2")
                .then()
                .statusCode(200)
                .extract()
                .path("reports.find { it.period == '" + period + "' }.id");
    }
}
