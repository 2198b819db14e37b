package org.prioritytracker.notification.stream;

import io.netty.buffer.Unpooled;
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
    /**
     * The frame as one HTTP/1.1 chunk ({@code <size>\r\n<frame>\r\n}), for the connections that take
     * it as it is ({@link DirectChunkOutlet}); {@link #frame} and {@link #data} are views of its bytes,
     * so the ring holds each event once.
     */
    final byte[] chunk;
    /** {@code id: <position>\ndata: <CloudEvent JSON>\n\n}: for streams that stand where the engine stands. */
    final Buffer frame;
    /** The frame without its id line: a stream that stands elsewhere writes an id line of its own before it. */
    final Buffer data;
    /** When the engine's consumer received the record (System.nanoTime), and the event's time (epoch ms; -1 unknown). */
    final long receivedNanos;

    final long eventTimeMillis;
    /** Live deliveries still to be written, plus one held while the hub hands the event out. */
    private final AtomicInteger unwritten = new AtomicInteger(1);
    /** Whether any stream took it live (read after the count reached zero, which orders it). */
    private boolean taken;

    TopicEvent(
            int partition,
            long offset,
            StreamPosition position,
            String source,
            String subject,
            String type,
            String province,
            String json,
            long receivedNanos,
            long eventTimeMillis) {
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
        byte[] whole = new byte[idLine.length + dataLines.length];
        System.arraycopy(idLine, 0, whole, 0, idLine.length);
        System.arraycopy(dataLines, 0, whole, idLine.length, dataLines.length);
        this.chunk = DirectChunkOutlet.chunk(whole);
        int frameStart = DirectChunkOutlet.chunkHeadLength(whole.length);
        Buffer chunkBuffer = Buffer.buffer(Unpooled.wrappedBuffer(chunk));
        this.frame = chunkBuffer.slice(frameStart, frameStart + whole.length);
        this.data = chunkBuffer.slice(frameStart + idLine.length, frameStart + whole.length);
    }

    /** Bytes the ring holds for this event. */
    int size() {
        return chunk.length;
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
