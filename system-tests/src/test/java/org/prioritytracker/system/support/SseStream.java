package org.prioritytracker.system.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One Server-Sent-Events stream read as a browser's EventSource would, without a thread of its own:
 * many of them share one HTTP/1.1 client (a connection each). It keeps every dispatched message with
 * the time it arrived, and the status of the answer.
 */
public final class SseStream implements AutoCloseable {

    /** One dispatched message: its id, event name ("message" unless named), data and arrival (epoch µs). */
    public record Message(String id, String event, String data, long arrivedMicros) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private SseStream() {}

    /** Opens a stream with the token as the browser's cookie; {@code lastEventId} may be null. */
    public static SseStream open(String url, String token, String lastEventId) {
        SseStream stream = new SseStream();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Cookie", "tracker_token=" + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CLIENT.sendAsync(request.build(), info -> {
                    stream.status.complete(info.statusCode());
                    return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
                })
                .whenComplete((response, failure) -> {
                    stream.status.complete(failure == null ? response.statusCode() : -1);
                    stream.ended.complete(null);
                });
        return stream;
    }

    /** The answer's status, once it came. */
    public int status() {
        try {
            return status.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("No answer to the stream's request within 30 s", e);
        }
    }

    /** Waits until the stream has told its starting position; returns it. */
    public String awaitPosition(Duration wait) {
        Awaitility.await("the stream's position")
                .atMost(wait)
                .until(() -> named("stream-position").size() > 0);
        return named("stream-position").get(0).id();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages of that event name ("message" for the events themselves). */
    public List<Message> named(String event) {
        return messages.stream()
                .filter(message -> message.event().equals(event))
                .toList();
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    @Override
    public void close() {
        Flow.Subscription open = subscription;
        if (open != null) {
            open.cancel();
        }
    }

    private final class Lines implements Flow.Subscriber<String> {
        private String id = "";
        private String event = "message";
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription opened) {
            subscription = opened;
            opened.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    Instant now = Instant.now();
                    messages.add(new Message(
                            id, event, data.toString(), now.getEpochSecond() * 1_000_000 + now.getNano() / 1000));
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
            }
        }

        @Override
        public void onError(Throwable failure) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
