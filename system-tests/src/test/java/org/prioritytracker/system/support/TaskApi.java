package org.prioritytracker.system.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.prioritytracker.testsupport.Scripts;

/** Status changes through task-service's public API, as a ministry administrator. */
public final class TaskApi {

    private TaskApi() {}

    /** Every active sub-item code of the 2025 plan, in order. */
    public static List<String> items() {
        return given().auth()
                .oauth2(Tokens.of("viewer"))
                .get(SystemStack.TASK + "/api/items?plan=2025&size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.code");
    }

    /**
     * Moves the item and returns its new version (the event's sequence). Like any client, it reads
     * the item again and retries when someone else (the overdue check, say) changed it in between.
     */
    public static long move(String code, String to, String reason) {
        for (int attempt = 1; ; attempt++) {
            ExtractableResponse<Response> current = read(code);
            ExtractableResponse<Response> moved = post(code, current.header("ETag"), to, reason);
            if (moved.statusCode() != 412 || attempt == 5) {
                if (moved.statusCode() != 200) {
                    throw new AssertionError(
                            "Moving " + code + " to " + to + ": " + moved.statusCode() + " " + moved.asString());
                }
                return moved.jsonPath().getLong("version");
            }
        }
    }

    public static String status(String code) {
        return read(code).path("status");
    }

    /** Brings the item to IN_PROGRESS from wherever it is, so that it can alternate with AT_RISK. */
    public static void makeActive(String code) {
        switch (status(code)) {
            case "NOT_STARTED", "AT_RISK" -> move(code, "IN_PROGRESS", null);
            case "COMPLETED" -> move(code, "IN_PROGRESS", "system test reopens it");
            case "SUSPENDED" -> {
                move(code, read(code).path("nextStates[0]"), null);
                makeActive(code);
            }
            default -> {
                // already IN_PROGRESS
            }
        }
    }

    /** Moves the item between IN_PROGRESS and AT_RISK (whichever it is not in); returns its new version. */
    public static long toggle(String code, String reason) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .pollDelay(Duration.ZERO)
                .until(() -> tryToggle(code, reason), OptionalLong::isPresent)
                .getAsLong();
    }

    /**
     * One attempt at {@link #toggle}: the new version when task-service answered 200; empty when the
     * item changed in between (412) or the service could not answer (it or its database is restarting).
     * Any other answer fails the test.
     */
    public static OptionalLong tryToggle(String code, String reason) {
        try {
            ExtractableResponse<Response> current = given().auth()
                    .oauth2(Tokens.of("ministry-admin"))
                    .get(SystemStack.TASK + "/api/items/" + code)
                    .then()
                    .extract();
            if (current.statusCode() != 200) {
                return unavailable(current);
            }
            String to = "IN_PROGRESS".equals(current.path("status")) ? "AT_RISK" : "IN_PROGRESS";
            ExtractableResponse<Response> moved =
                    post(code, current.header("ETag"), to, to.equals("AT_RISK") ? reason : null);
            if (moved.statusCode() == 200) {
                return OptionalLong.of(moved.jsonPath().getLong("version"));
            }
            return moved.statusCode() == 412 ? OptionalLong.empty() : unavailable(moved);
        } catch (Exception e) {
            // RestAssured throws the connection's IOException as it is: the service is restarting.
            if (e instanceof IOException || e.getCause() instanceof IOException) {
                return OptionalLong.empty();
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static OptionalLong unavailable(ExtractableResponse<Response> response) {
        if (response.statusCode() == 503) {
            return OptionalLong.empty();
        }
        throw new AssertionError("task-service answered " + response.statusCode() + ": " + response.asString());
    }

    private static ExtractableResponse<Response> read(String code) {
        return given().auth()
                .oauth2(Tokens.of("ministry-admin"))
                .get(SystemStack.TASK + "/api/items/" + code)
                .then()
                .statusCode(200)
                .extract();
    }

    private static ExtractableResponse<Response> post(String code, String etag, String to, String reason) {
        String body =
                reason == null ? "{\"to\":\"" + to + "\"}" : "{\"to\":\"" + to + "\",\"reason\":\"" + reason + "\"}";
        return given().auth()
                .oauth2(Tokens.of("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(body)
                .post(SystemStack.TASK + "/api/items/" + code + "/transitions")
                .then()
                .extract();
    }

    /** Imports the example plan (seeds/examples/plan-2026.json) moved to {@code year}, with deploy/local/plan as the ministry would. */
    public static void importExamplePlan(int year) throws IOException {
        String example = Files.readString(Scripts.ROOT.resolve("seeds/examples/plan-2026.json"));
        Path file = SystemStack.STACK_DIR.resolve("plan-" + year + ".json");
        Files.writeString(file, example.replace("2026", String.valueOf(year)));
        Map<String, String> environment = new HashMap<>(Tokens.environment());
        environment.put("TASK_SERVICE_URL", SystemStack.TASK);
        Scripts.run("plan", List.of("import", file.toString()), environment, SystemStack.STACK_DIR.resolve("plan.log"));
    }
}
