package org.prioritytracker.system.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.ReportApi;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.Scripts;

/**
 * Generated hostile requests against the running services: every write endpoint and every query and
 * path parameter. Whatever comes in, the answer is never a 5xx, a 4xx is application/problem+json, a
 * refused write stores nothing, and every answer comes within a second.
 *
 * <p>Each run draws {@value #DEFAULT_REQUESTS} requests (-Dtracker.hostile.requests) from a fresh
 * seed, and replays every seed kept in {@code src/test/resources/hostile-seeds.txt}. A failure names
 * its seed: add it to that file, or replay it alone with -Dtracker.hostile.seed=SEED.
 */
@ExtendWith(SystemStack.class)
class HostileInputIT {

    private static final int DEFAULT_REQUESTS = 10_000;
    private static final int REPLAYED_REQUESTS = 500;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    private static final Path KEPT_SEEDS = Scripts.ROOT.resolve("system-tests/src/test/resources/hostile-seeds.txt");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void startJqwik() {
        JqwikSession.start();
    }

    @AfterAll
    static void finishJqwik() {
        JqwikSession.finish();
    }

    @Test
    void noRequestGetsA5xxOrStoresSomethingWhenRefused() throws Exception {
        String seedProperty = System.getProperty("tracker.hostile.seed", "");
        List<Long> seeds = new ArrayList<>();
        if (!seedProperty.isBlank()) {
            seeds.add(Long.parseLong(seedProperty.strip()));
        } else {
            seeds.addAll(keptSeeds());
            seeds.add(new java.security.SecureRandom().nextLong());
        }
        Map<String, Integer> byEndpoint = new TreeMap<>();
        int sent = 0;
        try (Connection tasks = database("tasks_e2e");
                Connection progress = database("progress_e2e")) {
            String knownReport = ReportApi.submitOrAmend("130000", "P8.3", "2025-Q1", 10, "ON_TRACK", "起步");
            Map<String, String> tokens = Map.of(
                    "ministry-admin",
                    Tokens.of("ministry-admin"),
                    "ministry-reviewer",
                    Tokens.of("ministry-reviewer"),
                    "viewer",
                    Tokens.of("viewer"),
                    "reporter",
                    Tokens.of("provincial-reporter", "130000"));
            for (int s = 0; s < seeds.size(); s++) {
                long seed = seeds.get(s);
                // The kept seeds replay their first requests; this run's own seed (or the one asked for) runs in full.
                int count = s == seeds.size() - 1
                        ? Integer.getInteger("tracker.hostile.requests", DEFAULT_REQUESTS)
                        : REPLAYED_REQUESTS;
                HostileRequests requests = new HostileRequests(new HostileValues(seed), tokens, knownReport);
                // Requests the HTTP client itself refuses to send do not count.
                for (int i = 0, sentForSeed = 0; sentForSeed < count; i++) {
                    HostileRequests.Request request = requests.next();
                    String before = request.write() ? fingerprint(tasks, progress) : null;
                    long started = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = sendOnALiveConnection(request);
                    } catch (IOException e) {
                        throw new AssertionError(
                                "no answer (" + e.getMessage() + "); seed " + seed + ", request " + i + ": "
                                        + request.method() + " " + abbreviate(request.url()) + " " + request.headers()
                                        + " body "
                                        + abbreviate(request.body()),
                                e);
                    }
                    if (response == null) {
                        continue; // not even sendable (a header the HTTP client refuses)
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    String where = "seed " + seed + ", request " + i + ": " + request.method() + " "
                            + abbreviate(request.url()) + " -> " + response.statusCode() + " "
                            + abbreviate(response.body());
                    assertTrue(response.statusCode() < 500, "a 5xx; " + where);
                    if (response.statusCode() >= 400) {
                        assertTrue(
                                refusedByTheHttpLayer(response.statusCode())
                                        || response.headers()
                                                .firstValue("Content-Type")
                                                .orElse("")
                                                .startsWith("application/problem+json"),
                                "a 4xx that is not problem details; " + where);
                        if (before != null) {
                            assertEquals(
                                    before, fingerprint(tasks, progress), "a refused write stored something; " + where);
                        }
                    }
                    assertTrue(took.compareTo(ANSWER_WITHIN) <= 0, "took " + took.toMillis() + " ms; " + where);
                    byEndpoint.merge(request.endpoint(), 1, Integer::sum);
                    sent++;
                    sentForSeed++;
                }
            }
        }
        System.out.printf("Hostile input: %d requests, seeds %s, by endpoint %s%n", sent, seeds, byEndpoint);
        assertTrue(sent >= Integer.getInteger("tracker.hostile.requests", DEFAULT_REQUESTS), "requests sent: " + sent);
    }

    /**
     * A request line or headers too long for the HTTP server (414, 431) are refused before any
     * service code runs, as plain HTTP: there is no endpoint yet to speak problem details for.
     */
    private static boolean refusedByTheHttpLayer(int status) {
        return status == 414 || status == 431;
    }

    /**
     * Sends the request; once more when the pooled connection it went out on had just been closed by
     * the server (after an earlier refusal), which the client reports as a response of no bytes.
     */
    private HttpResponse<String> sendOnALiveConnection(HostileRequests.Request request)
            throws IOException, InterruptedException {
        try {
            return send(request);
        } catch (IOException e) {
            return send(request);
        }
    }

    private HttpResponse<String> send(HostileRequests.Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(Duration.ofSeconds(10))
                    .method(
                            request.method(),
                            request.body().isEmpty()
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
            request.headers().forEach(builder::header);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Everything a write could have stored: rows of reports, versions, keys and history, the items'
     * state, plans and priorities, the bureaus' status, calendars and reopenings.
     */
    private static String fingerprint(Connection tasks, Connection progress) throws SQLException {
        return single(tasks, """
                SELECT (SELECT count(*) FROM item_history) || '/' ||
                       (SELECT count(*) FROM plan) || '/' || (SELECT coalesce(sum(version), 0) FROM priority) || '/' ||
                       (SELECT coalesce(sum(version), 0) FROM province) || '/' ||
                       (SELECT md5(string_agg(code || status || title_zh || title_en || due_date
                                || coalesce(description, '') || coalesce(lead_department, ''), ',' ORDER BY code)) FROM sub_item)""") + "|" + single(progress, """
                SELECT (SELECT count(*) FROM report) || '/' || (SELECT count(*) FROM report_version) || '/' ||
                       (SELECT count(*) FROM idempotency_key) || '/' ||
                       (SELECT coalesce(sum(version), 0) FROM report) || '/' ||
                       (SELECT count(*) FROM report WHERE review_state <> 'SUBMITTED') || '/' ||
                       (SELECT count(*) FROM reporting_calendar) || '/' || (SELECT count(*) FROM period_reopening)""");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, name, name + "-local");
    }

    private static List<Long> keptSeeds() throws IOException {
        List<Long> seeds = new ArrayList<>();
        for (String line : Files.readAllLines(KEPT_SEEDS)) {
            String seed = line.strip();
            if (!seed.isEmpty() && !seed.startsWith("#")) {
                seeds.add(Long.parseLong(seed));
            }
        }
        return seeds;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
