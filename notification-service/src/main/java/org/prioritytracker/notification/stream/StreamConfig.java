package org.prioritytracker.notification.stream;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The stream engine: its limits, its ring of recent events and how it treats slow clients. */
@ConfigMapping(prefix = "tracker.stream")
public interface StreamConfig {

    /** Streams open at once on this instance, for everyone together; past it, 503 with Retry-After. */
    @WithDefault("10000")
    int maxStreams();

    /** Streams open at once for one caller (token subject); past it, 429 with Retry-After. */
    @WithDefault("8")
    int maxStreamsPerCaller();

    /** Recent events kept in memory, so that a reconnecting stream resumes without the database. */
    @WithDefault("10000")
    int ringEvents();

    /** The most memory those events may take (their frames); the older ones go first. */
    @WithDefault("16M")
    MemorySize ringSize();

    /** Events a stream may have waiting while its client does not read; one more ends it ({@code slow-client}). */
    @WithDefault("512")
    int queuedEvents();

    /**
     * How long a client may take nothing at all, its buffers full, before its stream ends
     * ({@code slow-client}). A browser reads its streams in background tabs too: one that has not
     * read for this long is gone or stuck.
     */
    @WithDefault("15s")
    Duration slowClientTimeout();

    /**
     * The kernel's send buffer of an HTTP/1.1 stream's socket. Fixed rather than grown by the kernel
     * (up to 4 MB a socket), so that a client that stops reading is noticed after this much, not after
     * thousands of events, and holds no more than this of the machine's memory.
     */
    @WithDefault("64K")
    MemorySize socketSendBuffer();

    /**
     * What an HTTP/1.1 stream's connection holds above its socket before the stream counts as blocked
     * (Netty's high water mark, 64 KB by default): a stalled client is noticed, and its
     * {@code slow-client-timeout} starts, about a hundred events sooner.
     */
    @WithDefault("16K")
    MemorySize connectionBuffer();

    /** A comment, with the stream's position, when nothing else was sent for this long. */
    @WithDefault("15s")
    Duration keepAlive();

    /** Events read per query when a stream catches up from the database. */
    @WithDefault("500")
    int catchUpPage();
}
