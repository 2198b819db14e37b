package org.prioritytracker.notification.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** The text/event-stream framing (WHATWG HTML, "Server-sent events"): fields, and a blank line ends a message. */
final class SseFrames {

    private SseFrames() {}

    /** {@code data:} lines for the text (one per line of it) and the blank line that dispatches the message. */
    static byte[] data(String text) {
        StringBuilder frame = new StringBuilder(text.length() + 16);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A named message, with an id when {@code position} is not null. */
    static Buffer named(String event, StreamPosition position, String json) {
        StringBuilder frame = new StringBuilder(96);
        if (position != null) {
            frame.append("id: ").append(position.id()).append('\n');
        }
        frame.append("event: ").append(event).append('\n');
        return Buffer.buffer(frame.toString()).appendBytes(data(json));
    }

    /** An id line alone: a message with no data is not dispatched, but the browser keeps the id for its reconnection. */
    static Buffer id(StreamPosition position) {
        return Buffer.buffer("id: " + position.id() + "\n");
    }

    /** A comment that keeps the connection busy, with the stream's position so that a reconnection starts there. */
    static Buffer keepAlive(StreamPosition position) {
        return Buffer.buffer(": keep-alive\nid: " + position.id() + "\n\n");
    }
}
