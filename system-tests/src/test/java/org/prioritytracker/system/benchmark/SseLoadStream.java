package org.prioritytracker.system.benchmark;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SSE client of the benchmark: what it asked for (caller, filters), how the server answered, and
 * what it received, parsed from the raw bytes as an EventSource would (lines; {@code event:},
 * {@code data:}, {@code id:}; a blank line dispatches; a line starting with ':' is a comment), and
 * cheaply: of a CloudEvent it reads only "id" and, the first time an id is seen, "time", by scanning
 * the bytes, since thousands of these run on the same two cores as the server.
 *
 * <p>All parsing runs on the stream's own event-loop thread; the benchmark's thread reads the
 * results under the same lock.
 */
final class SseLoadStream {

    /** What the stream asks for: {@code province} is set for a provincial reporter. */
    record Spec(
            int number,
            String caller,
            String province,
            String token,
            String subject,
            String type,
            boolean smallBuffer) {

        String uri() {
            StringBuilder uri = new StringBuilder("/api/events/stream");
            char separator = '?';
            if (subject != null) {
                uri.append(separator).append("subject=").append(subject);
                separator = '&';
            }
            if (type != null) {
                uri.append(separator).append("type=").append(type);
            }
            return uri.toString();
        }

        /** Whether the server is to send this event on this stream: its filters and the reader's scope. */
        boolean accepts(EventBook.Entry event) {
            if (province != null) {
                boolean admitted = event.province != null
                        ? province.equals(event.province)
                        : !"/progress-service".equals(event.source);
                if (!admitted) {
                    return false;
                }
            }
            return (subject == null || subject.equals(event.subject)) && (type == null || type.equals(event.type));
        }

        String filter() {
            return subject != null ? "subject=" + subject : type != null ? "type=" + type : "none";
        }
    }

    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_KEY = "\"id\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_KEY = "\"time\"".getBytes(StandardCharsets.US_ASCII);

    final Spec spec;
    private final EventBook book;
    private final Runnable settled;
    private final AtomicBoolean settledOnce = new AtomicBoolean();

    private volatile Context context;
    private volatile HttpClientRequest request;
    private volatile HttpClientResponse response;
    private volatile int status;
    private volatile String failure;
    private volatile boolean positioned;
    private volatile boolean ended;
    private volatile boolean closedByUs;
    private volatile boolean stalled;

    // Guarded by this: what the stream received.
    private final BitSet received = new BitSet();
    private int duplicates;
    private long messages;
    private long bytes;
    private int keepAlives;
    private int slowClient;
    private int tokenExpired;
    private int resets;
    private int otherEvents;
    private int unreadable;

    // The parser's state, on the event-loop thread only.
    private byte[] line = new byte[1024];
    private int lineLength;
    private byte[] data = new byte[1024];
    private int dataLength;
    private boolean hasData;
    private String eventName;

    SseLoadStream(Spec spec, EventBook book, Runnable settled) {
        this.spec = spec;
        this.book = book;
        this.settled = settled;
    }

    // ---- called by SseLoadClient on the event loop ------------------------------------------------------

    void requested(HttpClientRequest request, Context context) {
        this.request = request;
        this.context = context;
    }

    void answered(HttpClientResponse answer) {
        this.response = answer;
        this.status = answer.statusCode();
        if (status != 200) {
            // Refused (429, 503) or an error: read the problem document away; the connection closes after it.
            answer.handler(ignored -> {});
            answer.endHandler(ignored -> ended = true);
            answer.exceptionHandler(ignored -> ended = true);
            settle();
            return;
        }
        answer.handler(this::onData);
        answer.endHandler(ignored -> {
            ended = true;
            settle();
        });
        answer.exceptionHandler(error -> {
            if (!closedByUs && failure == null) {
                failure = error.toString();
            }
            ended = true;
            settle();
        });
    }

    void failed(Throwable error) {
        failure = error.toString();
        ended = true;
        settle();
    }

    private void settle() {
        if (settledOnce.compareAndSet(false, true)) {
            settled.run();
        }
    }

    private void onData(Buffer buffer) {
        long arrival = EventBook.nowMicros();
        byte[] chunk = buffer.getBytes();
        synchronized (this) {
            bytes += chunk.length;
            for (byte b : chunk) {
                if (b == '\n') {
                    int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                    line(length, arrival);
                    lineLength = 0;
                } else {
                    if (lineLength == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[lineLength++] = b;
                }
            }
        }
    }

    private void line(int length, long arrival) {
        if (length == 0) {
            dispatch(arrival);
        } else if (line[0] == ':') {
            keepAlives++;
        } else if (startsWith(line, length, DATA)) {
            int from = DATA.length + (length > DATA.length && line[DATA.length] == ' ' ? 1 : 0);
            int size = length - from;
            if (hasData) {
                ensureData(dataLength + 1 + size);
                data[dataLength++] = '\n';
            } else {
                ensureData(size);
            }
            System.arraycopy(line, from, data, dataLength, size);
            dataLength += size;
            hasData = true;
        } else if (startsWith(line, length, EVENT)) {
            eventName = new String(line, EVENT.length, length - EVENT.length, StandardCharsets.UTF_8).strip();
        }
        // "id:" and "retry:" lines: the benchmark does not reconnect, so it keeps neither.
    }

    private void dispatch(long arrival) {
        String name = eventName;
        boolean message = hasData;
        eventName = null;
        hasData = false;
        int length = dataLength;
        dataLength = 0;
        if (name == null || name.equals("message")) {
            if (message) {
                event(length, arrival);
            }
            return;
        }
        switch (name) {
            case "stream-position" -> {
                positioned = true;
                settle();
            }
            case "slow-client" -> slowClient++;
            case "token-expired" -> tokenExpired++;
            case "reset" -> resets++;
            default -> otherEvents++;
        }
    }

    private void event(int length, long arrival) {
        String id = stringValue(data, length, ID_KEY);
        if (id == null) {
            unreadable++;
            return;
        }
        messages++;
        EventBook.Entry entry = book.entry(id);
        if (entry.commitMicros == Long.MIN_VALUE) {
            String time = stringValue(data, length, TIME_KEY);
            if (time != null) {
                entry.commitMicros = EventBook.micros(Instant.parse(time));
            }
        }
        if (received.get(entry.index)) {
            duplicates++;
        } else {
            received.set(entry.index);
        }
        book.delivered(entry, arrival, stalled);
    }

    /**
     * The string value of the first {@code "key"} in the JSON: the CloudEvents writer puts the context
     * attributes (id, time) before "data", so the first occurrence is the event's own.
     */
    static String stringValue(byte[] json, int length, byte[] key) {
        int at = indexOf(json, length, key, 0);
        if (at < 0) {
            return null;
        }
        int i = at + key.length;
        while (i < length && (json[i] == ' ' || json[i] == ':')) {
            i++;
        }
        if (i >= length || json[i] != '"') {
            return null;
        }
        int start = ++i;
        while (i < length && json[i] != '"') {
            i++;
        }
        return i < length ? new String(json, start, i - start, StandardCharsets.UTF_8) : null;
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void ensureData(int size) {
        if (size > data.length) {
            data = Arrays.copyOf(data, Math.max(size, data.length * 2));
        }
    }

    // ---- called by the benchmark ------------------------------------------------------------------------

    /** Stops reading (the client stalls): the kernel's buffers, then the server's, fill up. */
    void pause() {
        stalled = true;
        HttpClientResponse answer = response;
        if (answer != null && context != null) {
            context.runOnContext(ignored -> answer.pause());
        }
    }

    void resume() {
        HttpClientResponse answer = response;
        if (answer != null && context != null) {
            context.runOnContext(ignored -> answer.resume());
        }
    }

    /** Closes the connection (a browser tab that goes away). */
    void close() {
        closedByUs = true;
        HttpClientRequest open = request;
        if (open != null && context != null) {
            context.runOnContext(ignored -> {
                try {
                    open.connection().close();
                } catch (RuntimeException e) {
                    // already closed
                }
            });
        }
    }

    int status() {
        return status;
    }

    String failure() {
        return failure;
    }

    boolean positioned() {
        return positioned;
    }

    /** Open and positioned, not ended by the server or by an error. */
    boolean live() {
        return status == 200 && positioned && !ended;
    }

    boolean ended() {
        return ended;
    }

    boolean closedByUs() {
        return closedByUs;
    }

    boolean stalled() {
        return stalled;
    }

    synchronized boolean hasReceived(int index) {
        return received.get(index);
    }

    /** Whether every event of {@code expected} has arrived. */
    synchronized boolean receivedAll(BitSet expected) {
        BitSet missing = (BitSet) expected.clone();
        missing.andNot(received);
        return missing.isEmpty();
    }

    synchronized int duplicates() {
        return duplicates;
    }

    synchronized long messages() {
        return messages;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int keepAlives() {
        return keepAlives;
    }

    synchronized int slowClientEvents() {
        return slowClient;
    }

    synchronized int tokenExpiredEvents() {
        return tokenExpired;
    }

    synchronized int resetEvents() {
        return resets;
    }

    synchronized int otherEvents() {
        return otherEvents;
    }

    synchronized int unreadable() {
        return unreadable;
    }
}
