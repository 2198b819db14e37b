package org.prioritytracker.system.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * Do rollups stay fast as reports grow? Times the rollup endpoints with one report per province and
 * item (992 reports), then again after every province has reported on every item for all sixteen
 * periods of 2025 (15,872 reports, the most the rules allow). The benchmark empties the system
 * tests' progress database (progress_e2e) first.
 */
@ExtendWith(SystemStack.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class RollupScalingBenchmarkIT {

    private static final int SAMPLES = 60;
    private static final List<String> ENDPOINTS = List.of(
            "/api/rollups/overview",
            "/api/rollups/items/P3.2",
            "/api/rollups/priorities/P3",
            "/api/rollups/provinces/130000",
            "/api/rollups/heatmap");

    @Test
    void rollupLatencyWithFewAndWithManyReports() throws Exception {
        try (java.sql.Connection progress = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/progress_e2e", "progress_e2e", "progress_e2e-local")) {
            progress.createStatement().executeUpdate("TRUNCATE latest_report, idempotency_key, report_version, report");
        }
        List<String> items = given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/priorities")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.flatten().code");
        List<String> provinces = given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/provinces")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code");

        submitAll(provinces, items, List.of("2025-01"));
        measure(); // warms the service up, so that both rounds below run on compiled code
        List<double[]> few = measure();
        List<String> rest = new ArrayList<>(List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"));
        for (int month = 2; month <= 12; month++) {
            rest.add(String.format("2025-%02d", month));
        }
        submitAll(provinces, items, rest);
        List<double[]> many = measure();

        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "rollup latency, median of %d requests each (ms): %d reports -> %d reports, ratio%n",
                SAMPLES,
                provinces.size() * items.size(),
                provinces.size() * items.size() * 16));
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            report.append(String.format(
                    Locale.ROOT,
                    "  %-32s %7.2f -> %7.2f   x%.2f%n",
                    ENDPOINTS.get(i),
                    few.get(i)[0],
                    many.get(i)[0],
                    many.get(i)[0] / few.get(i)[0]));
        }
        System.out.print(report);
        Path out = Path.of(System.getProperty("tracker.stack.dir", "target/stack"))
                .getParent()
                .resolve("benchmark/rollups.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** Every province reports on every item for each period, one CSV batch per province and period. */
    private static void submitAll(List<String> provinces, List<String> items, List<String> periods) {
        for (String province : provinces) {
            String token = Tokens.of("provincial-reporter", province);
            for (String period : periods) {
                StringBuilder csv = new StringBuilder("itemCode,period,percentComplete,status,narrative\n");
                for (int i = 0; i < items.size(); i++) {
                    int percent = (province.hashCode() + i * 7 + period.hashCode()) & 0x3f;
                    csv.append(items.get(i))
                            .append(',')
                            .append(period)
                            .append(',')
                            .append(percent)
                            .append(i % 5 == 0 ? ",AT_RISK," : ",ON_TRACK,")
                            .append("基准测试\n");
                }
                JsonPath result = given().auth()
                        .oauth2(token)
                        .contentType("text/csv; charset=UTF-8")
                        .body(csv.toString())
                        .post(SystemStack.PROGRESS + "/api/reports/batch")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertEquals(items.size(), result.getInt("created") + result.getInt("duplicates"), result.prettify());
            }
        }
    }

    /** The median latency of each endpoint, after a warm-up. */
    private static List<double[]> measure() {
        String token = Tokens.of("viewer");
        List<double[]> medians = new ArrayList<>();
        for (String endpoint : ENDPOINTS) {
            for (int i = 0; i < 10; i++) {
                given().auth()
                        .oauth2(token)
                        .get(SystemStack.PROGRESS + endpoint)
                        .then()
                        .statusCode(200);
            }
            double[] samples = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                given().auth()
                        .oauth2(token)
                        .get(SystemStack.PROGRESS + endpoint)
                        .then()
                        .statusCode(200);
                samples[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(samples);
            medians.add(new double[] {samples[SAMPLES / 2]});
        }
        return medians;
    }
}
