package org.prioritytracker.system.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SseStream;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;
import org.prioritytracker.testsupport.SeedBureaus;

/**
 * The stream engine with real clients over the network, against the stack as deploy/local/up runs it
 * (with 16 streams per caller, a ring of 300 events and slow clients ended after 5 s: SystemStack).
 */
@ExtendWith(SystemStack.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class EventStreamIT {

    private static final String STREAM = SystemStack.NOTIFICATION + "/api/events/stream";
    private static final String CHANGED = "tracker.item.status-changed";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiveHundredStreamsAcrossCallersEachReceiveABurstOfTwoHundredChangesInOrderPerItem() throws Exception {
        List<String> items = TaskApi.items().subList(0, 10);
        items.forEach(TaskApi::makeActive);
        List<String> callers = readers();
        List<SseStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                // Half of them filtered by type, as a feed of status changes would be.
                String url = i % 2 == 0 ? STREAM : STREAM + "?type=" + CHANGED;
                streams.add(SseStream.open(url, callers.get(i % callers.size()), null));
            }
            for (SseStream stream : streams) {
                assertEquals(200, stream.status());
                stream.awaitPosition(WAIT);
            }
            Map<String, List<Long>> made = burst(items, 200);
            for (SseStream stream : streams) {
                Awaitility.await().atMost(WAIT).until(() -> receivedAll(stream, made));
                assertEquals(made, changesOf(stream, made), "every change once, in order per item");
            }
        } finally {
            streams.forEach(SseStream::close);
        }
    }

    @Test
    void aStreamResumedFromTheRingOrFromAnOlderPositionGetsExactlyWhatItMissed() throws Exception {
        String item = TaskApi.items().get(11);
        TaskApi.makeActive(item);
        String viewer = Tokens.of("viewer");
        String lastId;
        try (SseStream stream = SseStream.open(STREAM + "?subject=" + item, viewer, null)) {
            stream.awaitPosition(WAIT);
            long first = TaskApi.toggle(item, "resume test");
            Awaitility.await().atMost(WAIT).until(() -> !stream.named("message").isEmpty());
            assertEquals(first, sequence(stream.named("message").get(0)));
            lastId = stream.named("message").get(0).id();
        }
        // Five changes while away: still in the ring.
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            missed.add(TaskApi.toggle(item, "resume test"));
        }
        String resumedId = assertResumesWith(item, viewer, lastId, missed);
        // 350 more: beyond the ring of 300, so the start comes from the database.
        List<Long> many = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            many.add(TaskApi.toggle(item, "resume test"));
        }
        assertResumesWith(item, viewer, resumedId, many);
    }

    @Test
    void aStreamThatJustOpenedMissesNoChangeMadeRightAfter() throws Exception {
        List<String> items = TaskApi.items().subList(12, 20);
        items.forEach(TaskApi::makeActive);
        List<String> callers = readers();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> rounds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String item = items.get(i % items.size());
                String token = callers.get(i % callers.size());
                rounds.add(clients.submit(() -> {
                    try (SseStream stream = SseStream.open(STREAM + "?subject=" + item, token, null)) {
                        stream.awaitPosition(WAIT);
                        long version = TaskApi.toggle(item, "open then commit");
                        Awaitility.await()
                                .atMost(WAIT)
                                .until(() -> stream.named("message").stream()
                                        .anyMatch(message -> sequence(message) == version));
                        return true;
                    }
                }));
            }
            for (Future<Boolean> round : rounds) {
                assertTrue(round.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aClientThatStopsReadingIsEndedAndTheOthersKeepReceiving() throws Exception {
        List<String> items = TaskApi.items().subList(20, 24);
        items.forEach(TaskApi::makeActive);
        double slowBefore = endedSlow();
        List<SseStream> readers = new ArrayList<>();
        try (Socket stalled = stalledStream(Tokens.of("viewer"))) {
            List<String> callers = readers();
            for (int i = 0; i < 10; i++) {
                readers.add(SseStream.open(STREAM, callers.get(i), null));
            }
            for (SseStream reader : readers) {
                reader.awaitPosition(WAIT);
            }
            Map<String, List<Long>> made = burst(items, 400);
            Awaitility.await("the stalled stream ended").atMost(WAIT).until(() -> endedSlow() > slowBefore);
            for (SseStream reader : readers) {
                Awaitility.await().atMost(WAIT).until(() -> receivedAll(reader, made));
                assertEquals(made, changesOf(reader, made));
                assertFalse(reader.hasEnded(), "a reading client's stream goes on");
            }
            assertTrue(stalled.isConnected());
        } finally {
            readers.forEach(SseStream::close);
        }
    }

    @Test
    void oneCallerPastItsShareGets429WithRetryAfterAndBadInputGetsAProblem() throws Exception {
        String token = Tokens.of("provincial-reporter", "650000");
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                SseStream stream = SseStream.open(STREAM, token, null);
                open.add(stream);
                assertEquals(200, stream.status());
            }
            given().cookie("tracker_token", token)
                    .accept("text/event-stream")
                    .get(STREAM)
                    .then()
                    .statusCode(429)
                    .header("Retry-After", equalTo("5"))
                    .contentType(startsWith("application/problem+json"));
        } finally {
            open.forEach(SseStream::close);
        }
        given().cookie("tracker_token", token)
                .accept("text/event-stream")
                .header("Last-Event-ID", "0:99999999999")
                .get(STREAM)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("Last-Event-ID"));
        given().cookie("tracker_token", token)
                .accept("text/event-stream")
                .get(STREAM + "?subject=P1.1'--")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("subject"));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Resumes the item's stream from {@code from}; asserts it gets exactly {@code missed}; returns the last id. */
    private static String assertResumesWith(String item, String token, String from, List<Long> missed) {
        try (SseStream stream = SseStream.open(STREAM + "?subject=" + item, token, from)) {
            assertEquals(200, stream.status());
            long last = missed.get(missed.size() - 1);
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> stream.named("message").stream().anyMatch(message -> sequence(message) == last));
            // The server sends in order: anything repeated or extra would have come before the last one.
            List<SseStream.Message> received = stream.named("message");
            assertEquals(
                    missed, received.stream().map(EventStreamIT::sequence).toList(), "exactly the missed, once each");
            assertTrue(stream.named("reset").isEmpty());
            return received.get(received.size() - 1).id();
        }
    }

    /** Every development user that may read the stream: 35 callers. */
    private static List<String> readers() {
        List<String> tokens = new ArrayList<>(
                List.of(Tokens.of("viewer"), Tokens.of("ministry-admin"), Tokens.of("ministry-reviewer")));
        for (String bureau : SeedBureaus.codes()) {
            tokens.add(Tokens.of("provincial-reporter", bureau));
        }
        return tokens;
    }

    /** Makes {@code count} changes over the items, one caller per item, as fast as the API takes them. */
    private static Map<String, List<Long>> burst(List<String> items, int count) throws Exception {
        ExecutorService movers = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<List<Long>>> made = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                int share = count / items.size() + (i < count % items.size() ? 1 : 0);
                made.add(movers.submit(() -> {
                    List<Long> versions = new ArrayList<>();
                    for (int n = 0; n < share; n++) {
                        versions.add(TaskApi.toggle(item, "stream burst"));
                    }
                    return versions;
                }));
            }
            Map<String, List<Long>> byItem = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                byItem.put(items.get(i), made.get(i).get());
            }
            return byItem;
        } finally {
            movers.shutdownNow();
        }
    }

    /**
     * The status changes the stream received of the items in {@code made}, per item in arrival order,
     * from the first one made on.
     */
    private static Map<String, List<Long>> changesOf(SseStream stream, Map<String, List<Long>> made) {
        Map<String, List<Long>> byItem = new HashMap<>();
        for (SseStream.Message message : stream.named("message")) {
            JsonNode event = json(message);
            String subject = event.path("subject").asText();
            long sequence = event.path("sequence").asLong();
            if (CHANGED.equals(event.path("type").asText())
                    && made.containsKey(subject)
                    && sequence >= made.get(subject).get(0)) {
                byItem.computeIfAbsent(subject, key -> new ArrayList<>()).add(sequence);
            }
        }
        return byItem;
    }

    /** Whether the stream has the last change made of every item. */
    private static boolean receivedAll(SseStream stream, Map<String, List<Long>> made) {
        Map<String, List<Long>> received = changesOf(stream, made);
        return made.entrySet().stream()
                .allMatch(item -> received.getOrDefault(item.getKey(), List.of())
                        .contains(item.getValue().get(item.getValue().size() - 1)));
    }

    private static long sequence(SseStream.Message message) {
        return json(message).path("sequence").asLong();
    }

    private static JsonNode json(SseStream.Message message) {
        try {
            return JSON.readTree(message.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream whose client reads its answer's first bytes and then nothing, with a small receive buffer. */
    private static Socket stalledStream(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(SystemStack.NOTIFICATION.replaceAll(".*:", ""))));
        OutputStream out = socket.getOutputStream();
        out.write(
                ("GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: tracker_token="
                                + token + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int read = 0;
        while (read < head.length) {
            int n = in.read(head, read, head.length - read);
            if (n < 0) {
                throw new IOException("The stream closed before answering");
            }
            read += n;
        }
        assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
        return socket;
    }

    private static double endedSlow() {
        String metrics = given().auth()
                .oauth2(Tokens.of("metrics-reader"))
                .get(SystemStack.NOTIFICATION + "/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher value = Pattern.compile("tracker_stream_ended_total\\{reason=\"slow-client\"} ([0-9.E]+)")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
