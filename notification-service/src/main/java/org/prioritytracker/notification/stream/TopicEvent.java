package org.prioritytracker.notification.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One record of the topic as the engine read it: where it stands, what the filters look at, and its
 * SSE frame, serialized once and written as it is to every stream that takes it.
 */
final class TopicEvent {

    final int partition;
    final long offset;
    /** The engine's position once it had read this record: the frame's id. */
    final StreamPosition position;
    final String source;
    final String subject;
    final String type;
    final String province;
    /** {@code id: <position>\ndata: <CloudEvent JSON>\n\n}: for streams that stand where the engine stands. */
    final Buffer frame;
    /** The frame without its id line: a stream that stands elsewhere writes an id line of its own before it. */
    final Buffer data;
    /** The frame as one HTTP/1.1 chunk, for the connections that take it as it is ({@link DirectChunkOutlet}). */
    final byte[] chunk;
    /** When the engine's consumer received the record (System.nanoTime), and the event's time (epoch ms; -1 unknown). */
    final long receivedNanos;
    final long eventTimeMillis;
    /** Live deliveries still to be written, plus one held while the hub hands the event out. */
    private final AtomicInteger unwritten = new AtomicInteger(1);
    /** Whether any stream took it live (read after the count reached zero, which orders it). */
    private boolean taken;

    TopicEvent(int partition, long offset, StreamPosition position, String source, String subject, String type,
            String province, String json, long receivedNanos, long eventTimeMillis) {
        this.partition = partition;
        this.offset = offset;
        this.position = position;
        this.source = source;
        this.subject = subject;
        this.type = type;
        this.province = province;
        this.receivedNanos = receivedNanos;
        this.eventTimeMillis = eventTimeMillis;
        byte[] idLine = ("id: " + position.id() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] dataLines = SseFrames.data(json);
        Buffer whole = Buffer.buffer(idLine.length + dataLines.length).appendBytes(idLine).appendBytes(dataLines);
        this.frame = whole;
        this.data = whole.slice(idLine.length, whole.length());
        this.chunk = DirectChunkOutlet.chunk(whole.getBytes());
    }

    /** Bytes the ring holds for this event. */
    int size() {
        return frame.length() + chunk.length;
    }

    /** Counts one more live delivery to write. */
    void handedOut() {
        taken = true;
        unwritten.incrementAndGet();
    }

    boolean taken() {
        return taken;
    }

    /** One live delivery written; true when it was the last one and the hub is done handing it out. */
    boolean written() {
        return unwritten.decrementAndGet() == 0;
    }
}
