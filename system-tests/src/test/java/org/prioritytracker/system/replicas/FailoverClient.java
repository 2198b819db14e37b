package org.prioritytracker.system.replicas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.prioritytracker.system.support.ReplicatedStack;

/**
 * What a load balancer in front of a service's instances does: requests go to the instances in
 * turn, and one that cannot be answered (connection refused or cut, 502, 503) goes to the next,
 * unchanged. A write whose answer was lost may have been stored: resending it unchanged lets the
 * service tell (Idempotency-Key replays the answer; If-Match refuses a second change with 412).
 */
final class FailoverClient {

    private static final Duration GIVE_UP = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    private final String service;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failovers = new AtomicInteger();

    FailoverClient(String service) {
        this.service = service;
    }

    /** An instance's answer, and whether the request was sent more than once to get it. */
    record Answer(HttpResponse<String> response, boolean resent) {}

    /** Sends the request built for an instance's base URL; retries elsewhere until an instance answers. */
    HttpResponse<String> send(Function<String, HttpRequest.Builder> request) {
        return sendTracked(request).response();
    }

    Answer sendTracked(Function<String, HttpRequest.Builder> request) {
        Instant deadline = Instant.now().plus(GIVE_UP);
        int instance = Math.floorMod(next.getAndIncrement(), ReplicatedStack.REPLICAS);
        boolean resent = false;
        while (true) {
            try {
                HttpResponse<String> response = HTTP.send(
                        request.apply(ReplicatedStack.url(service, instance))
                                .timeout(Duration.ofSeconds(15))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 502 && response.statusCode() != 503) {
                    return new Answer(response, resent);
                }
            } catch (IOException e) {
                // refused, reset or timed out: the instance is gone or going
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No instance of " + service + " answered within " + GIVE_UP);
            }
            failovers.incrementAndGet();
            resent = true;
            instance = (instance + 1) % ReplicatedStack.REPLICAS;
            pauseBriefly();
        }
    }

    int failovers() {
        return failovers.get();
    }

    static HttpRequest.Builder to(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private static void pauseBriefly() {
        try {
            // Not a wait for a condition: the pace of retries, as a load balancer spaces them.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
