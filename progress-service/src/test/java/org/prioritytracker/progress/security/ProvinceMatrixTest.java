package org.prioritytracker.progress.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.SeedBureaus;
import org.prioritytracker.testsupport.TestTokens;

/**
 * Every one of the 32 bureaus against every read and write of progress-service: a reporter sees its
 * own province's rows and the national aggregates, never a row of another province.
 */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class ProvinceMatrixTest {

    private static final String ITEM = "P3.2";
    private static final String PERIOD = "2025-Q1";
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.reset();
    }

    @Test
    void everyBureauSeesItsOwnRowsAndNoOtherFromEveryEndpoint() throws Exception {
        List<String> bureaus = SeedBureaus.codes();
        Map<String, String> reportOf = new LinkedHashMap<>();
        for (int i = 0; i < bureaus.size(); i++) {
            reportOf.put(
                    bureaus.get(i),
                    ReportApi.create(bureaus.get(i), ITEM, PERIOD, 10 + i, i % 5 == 0 ? "AT_RISK" : "ON_TRACK"));
        }
        int checked = 0;
        for (String bureau : bureaus) {
            String token = TestTokens.forReporter(bureau);
            for (String path : List.of(
                    "/api/reports",
                    "/api/reports?item=" + ITEM,
                    "/api/reports?period=" + PERIOD,
                    "/api/rollups/items/" + ITEM,
                    "/api/rollups/heatmap",
                    "/api/rollups/provinces/" + bureau,
                    "/api/rollups/overview",
                    "/api/rollups/priorities/P3")) {
                assertOnlyOwn(bureau, path, get(token, path));
                checked++;
            }
            assertEquals(1, get(token, "/api/reports").get("total").asInt(), bureau);
            assertEquals(1, get(token, "/api/rollups/heatmap").get("cells").size(), bureau);
            for (Map.Entry<String, String> report : reportOf.entrySet()) {
                int expected = report.getKey().equals(bureau) ? 200 : 403;
                for (String path : List.of(
                        "/api/reports/" + report.getValue(),
                        "/api/reports/" + report.getValue() + "/versions",
                        "/api/rollups/provinces/" + report.getKey(),
                        "/api/reports?province=" + report.getKey())) {
                    given().auth().oauth2(token).get(path).then().statusCode(expected);
                    checked++;
                }
            }
            String foreign = bureaus.get((bureaus.indexOf(bureau) + 1) % bureaus.size());
            given().auth()
                    .oauth2(token)
                    .contentType(ReportApi.JSON_UTF8)
                    .header("If-Match", "\"1\"")
                    .body(ReportApi.body(ITEM, PERIOD, 99, "BLOCKED"))
                    .put("/api/reports/" + reportOf.get(foreign))
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType(ReportApi.JSON_UTF8)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(ReportApi.body("P3.3", PERIOD, 1, "BLOCKED")
                            .replaceFirst("\\{", "{\"provinceCode\": \"" + foreign + "\", "))
                    .post("/api/reports")
                    .then()
                    .statusCode(403)
                    .body("errors[0].field", equalTo("provinceCode"));
            checked += 2;
        }
        assertTrue(checked > 32 * 32 * 4, "requests checked: " + checked);
        assertEquals(32, data.count("SELECT count(*) FROM report"), "no write of a foreign province stored anything");
        assertEquals(0, data.count("SELECT count(*) FROM report WHERE status = 'BLOCKED'"));
    }

    @Test
    void theMinistryAndViewersSeeEveryProvince() throws Exception {
        List<String> bureaus = SeedBureaus.codes();
        for (String bureau : bureaus) {
            ReportApi.create(bureau, ITEM, PERIOD, 50, "ON_TRACK");
        }
        for (String role : List.of("viewer", "ministry-admin", "ministry-reviewer")) {
            String token = TestTokens.forRole(role);
            assertEquals(new TreeSet<>(bureaus), provinces(get(token, "/api/rollups/heatmap")), role);
            assertEquals(new TreeSet<>(bureaus), provinces(get(token, "/api/rollups/items/" + ITEM)), role);
            assertEquals(32, get(token, "/api/reports?size=100").get("total").asInt(), role);
        }
    }

    private JsonNode get(String token, String path) throws Exception {
        String body = given().auth()
                .oauth2(token)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return json.readTree(body);
    }

    private static void assertOnlyOwn(String bureau, String path, JsonNode body) {
        Set<String> seen = provinces(body);
        assertTrue(seen.isEmpty() || seen.equals(Set.of(bureau)), bureau + " on " + path + " saw " + seen);
    }

    /** Every province code anywhere in a response: in provinceCode fields, however deep. */
    private static Set<String> provinces(JsonNode node) {
        Set<String> found = new TreeSet<>();
        List<JsonNode> pending = new ArrayList<>(List.of(node));
        while (!pending.isEmpty()) {
            JsonNode next = pending.remove(pending.size() - 1);
            if (next.isObject() && next.has("provinceCode")) {
                found.add(next.get("provinceCode").asText());
            }
            next.elements().forEachRemaining(pending::add);
        }
        return found;
    }
}
