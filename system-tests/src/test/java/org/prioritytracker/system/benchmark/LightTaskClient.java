package org.prioritytracker.system.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * A light client for a benchmark's load, so that its own CPU use stays small beside the system's:
 * java.net.http with keep-alive, one POST per change, each item's state kept here (a GET only at
 * first and after a 412, when someone else, the overdue check say, moved the item in between).
 * Each item must have one caller at a time.
 */
final class LightTaskClient {

    private record Known(long version, boolean atRisk) {}

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Known> items = new ConcurrentHashMap<>();

    /** Moves the item between IN_PROGRESS and AT_RISK; returns its new version. */
    long toggle(String code) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Known known = items.computeIfAbsent(code, this::read);
            boolean toAtRisk = !known.atRisk();
            String body = toAtRisk ? "{\"to\":\"AT_RISK\",\"reason\":\"benchmark\"}" : "{\"to\":\"IN_PROGRESS\"}";
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(SystemStack.TASK + "/api/items/" + code + "/transitions"))
                            .header("Authorization", "Bearer " + token())
                            .header("Content-Type", "application/json")
                            .header("If-Match", "\"" + known.version() + "\"")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build());
            if (response.statusCode() == 200) {
                long version = etag(response);
                items.put(code, new Known(version, toAtRisk));
                return version;
            }
            items.remove(code);
        }
        throw new AssertionError("No move of " + code + " went through in 20 attempts");
    }

    private Known read(String code) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(SystemStack.TASK + "/api/items/" + code))
                .header("Authorization", "Bearer " + token())
                .GET()
                .build());
        return new Known(etag(response), response.body().contains("\"status\":\"AT_RISK\""));
    }

    /** The administrator's token, renewed as it ages (Tokens hands one out for four minutes of its five). */
    private static String token() {
        return Tokens.of("ministry-admin");
    }

    private static long etag(HttpResponse<String> response) {
        return Long.parseLong(
                response.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
