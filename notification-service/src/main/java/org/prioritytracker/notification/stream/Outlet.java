package org.prioritytracker.notification.stream;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/** Where a stream's frames go: its HTTP response, written on its connection's event loop. */
interface Outlet {

    /** Runs the task on the connection's event loop, later (never in the caller's frame). */
    void schedule(Runnable task);

    /** Whether the connection holds as much unsent data as it should: write no more until it drains. */
    boolean writeQueueFull();

    void write(Buffer frame);

    /** Writes an event's shared frame. */
    default void write(TopicEvent event) {
        write(event.frame);
    }

    /** Writes an event's data under an id line of the stream's own. */
    default void write(Buffer idLine, TopicEvent event) {
        write(idLine);
        write(event.data);
    }

    void end();

    /** Drops the connection after {@code grace} if the client has still not taken what was written. */
    void dropIfStuckAfter(Duration grace);
}
