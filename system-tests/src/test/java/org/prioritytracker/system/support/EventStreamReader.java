package org.prioritytracker.system.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A browser's view of notification-service's event stream ({@code /api/events/stream}), read as
 * Server-Sent Events with a bearer token: the CloudEvents it delivers, in order. It is open once the
 * stream has told its starting position, so that nothing published after that is missed.
 */
public final class EventStreamReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile boolean positioned;
    private volatile String unreadable;

    private EventStreamReader(String notificationUrl, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notificationUrl + "/api/events/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build();
        reader = new Thread(() -> read(request), "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream and waits until it has a position. */
    public static EventStreamReader open(String notificationUrl, String token) {
        EventStreamReader stream = new EventStreamReader(notificationUrl, token);
        Awaitility.await("the stream's position").atMost(Duration.ofSeconds(30)).until(() -> stream.positioned);
        return stream;
    }

    /** The events received so far (each a CloudEvent in JSON), oldest first. */
    public List<JsonNode> events() {
        if (unreadable != null) {
            throw new AssertionError("The stream sent data that is not JSON: " + unreadable);
        }
        return List.copyOf(events);
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The event stream answered " + response.statusCode());
            }
            lines = response.body();
            String[] name = {null};
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    accept(name[0], line.substring(5).strip());
                } else if (line.isEmpty()) {
                    name[0] = null;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Closed by close(), or the stream ended: the events received so far stand.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(String name, String data) {
        if ("stream-position".equals(name)) {
            positioned = true;
        } else if (name == null || "message".equals(name)) {
            try {
                events.add(JSON.readTree(data));
            } catch (IOException e) {
                unreadable = data;
            }
        }
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
