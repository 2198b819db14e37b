package org.prioritytracker.notification.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal Server-Sent Events client, reading the stream as a browser's EventSource would. */
public final class SseClient implements AutoCloseable {

    /** One dispatched message: its id, event name ("message" unless named) and data. */
    public record Message(String id, String event, String data) {}

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;
    private final HttpClient.Version version;
    private final java.net.http.HttpHeaders headers;
    private volatile boolean closed;
    private volatile IOException failure;
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.version = response.version();
        this.headers = response.headers();
        this.body = response.body();
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a stream over HTTP/1.1, a connection of its own; {@code cookieToken} authenticates as a
     * browser would, through the tracker_token cookie.
     */
    public static SseClient open(String url, String cookieToken, String lastEventId)
            throws IOException, InterruptedException {
        return open(HttpClient.Version.HTTP_1_1, url, cookieToken, lastEventId);
    }

    /** Opens a stream over the given version (HTTP_2: cleartext, upgraded from HTTP/1.1 as the JDK's client does). */
    public static SseClient open(HttpClient.Version version, String url, String cookieToken, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Cookie", "tracker_token=" + cookieToken);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(HttpClient.newBuilder()
                .version(version)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return status;
    }

    public HttpClient.Version version() {
        return version;
    }

    public java.util.Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The next {@code count} messages of the given event name, waiting at most {@code timeout} in all. */
    public List<Message> next(int count, String event, Duration timeout) throws InterruptedException {
        List<Message> result = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (result.size() < count) {
            Message message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("Only " + result.size() + " of " + count + " '" + event + "' messages within "
                        + timeout + (failure == null ? "" : "; the stream broke: " + failure));
            }
            if (message.event().equals(event)) {
                result.add(message);
            }
        }
        return result;
    }

    /** The next message, whatever its event name. */
    public Message nextMessage(Duration timeout) throws InterruptedException {
        Message message = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (message == null) {
            throw new AssertionError(
                    "No message within " + timeout + (failure == null ? "" : "; the stream broke: " + failure));
        }
        return message;
    }

    /** Whether any message of that event name arrives within {@code wait}. */
    public boolean anyWithin(String event, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Message message;
        while ((message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (message.event().equals(event)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server ends the stream within {@code wait}. */
    public boolean endsWithin(Duration wait) throws InterruptedException {
        return ended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        body.close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new Message(id, event, data.toString()));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e;
            }
        } finally {
            ended.countDown();
        }
    }
}
