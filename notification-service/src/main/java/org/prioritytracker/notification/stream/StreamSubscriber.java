package org.prioritytracker.notification.stream;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open stream: what it takes (its filter), where it stands in the topic, and a bounded queue of
 * frames that its connection's event loop writes while the client keeps up. The hub offers events
 * from the engine's thread; the event loop drains. A client that stops reading is not waited for:
 * once its queue is full, or its connection has taken nothing for a while, the stream ends with a
 * {@code slow-client} event and the client resumes from its last id.
 */
final class StreamSubscriber {

    /** Why a stream ended: the label of the metric. */
    enum Ending {
        SLOW_CLIENT("slow-client"),
        TOKEN_EXPIRED("token-expired"),
        CLIENT_GONE("client-gone"),
        SHUTDOWN("shutdown"),
        /** The catch-up could not read the stored copy of the events (the database was away): the client resumes later. */
        CATCH_UP_FAILED("catch-up-failed");

        final String label;

        Ending(String label) {
            this.label = label;
        }
    }

    /**
     * An event queued otherwise than live and in step: replayed (not counted as delivered live), or
     * under an id line of the stream's own (null: the shared frame).
     */
    private record Delivery(Buffer idLine, TopicEvent event, boolean live) {}

    private static final Object END = new Object();
    private static final Duration DROP_GRACE = Duration.ofSeconds(10);

    /** What the stream reports as it writes and when it ends. */
    interface Meter {
        /** A live event was written to this stream. */
        void delivered(TopicEvent live);

        /** A live event is written to every stream it was handed to (or dropped with a stream that ended). */
        void fannedOut(TopicEvent live);

        void ended(Ending why);
    }

    final StreamFilter filter;
    final String caller;
    final Instant tokenExpiry;
    private final Outlet outlet;
    private final int maxQueued;
    private final Meter meter;
    private final Consumer<StreamSubscriber> onEnd;
    private final AtomicBoolean over = new AtomicBoolean();

    // The hub's, under its lock.
    private StreamPosition position = StreamPosition.empty();
    private boolean inStep;
    Group group;
    int indexInGroup = -1;

    // The queue's, under this object's monitor.
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean blocked;
    private long blockedSince;
    private Ending ending;
    private Runnable whenDrained;
    private volatile boolean closed;

    StreamSubscriber(
            StreamFilter filter,
            String caller,
            Instant tokenExpiry,
            Outlet outlet,
            int maxQueued,
            Meter meter,
            Consumer<StreamSubscriber> onEnd) {
        this.filter = filter;
        this.caller = caller;
        this.tokenExpiry = tokenExpiry;
        this.outlet = outlet;
        this.maxQueued = maxQueued;
        this.meter = meter;
        this.onEnd = onEnd;
    }

    // ---- the hub's side (engine thread or an opening request, under the hub's lock) -----------------

    /** Where the stream stands now; in step when that is the engine's own position. */
    void standAt(StreamPosition at, boolean atEngine) {
        position = at;
        inStep = atEngine;
    }

    StreamPosition position() {
        return position;
    }

    boolean accepts(TopicEvent event) {
        return filter.accepts(event.source, event.subject, event.type, event.province);
    }

    /**
     * Queues the event unless the stream already covers it. A live event counts against the queue's
     * bound (false: the stream is too slow and must end); a replayed one does not.
     */
    boolean offer(TopicEvent event, boolean live) {
        Object item;
        if (inStep) {
            position = event.position;
            item = live ? event : new Delivery(null, event, false);
        } else if (event.offset <= position.offset(event.partition)) {
            return true;
        } else {
            StreamPosition merged = position.max(event.position);
            inStep = merged == event.position;
            position = merged;
            item = inStep
                    ? (live ? event : new Delivery(null, event, false))
                    : new Delivery(SseFrames.id(merged), event, live);
        }
        if (live) {
            event.handedOut();
        }
        if (enqueue(item, live)) {
            return true;
        }
        if (live) {
            delivered(event, false);
        }
        return false;
    }

    /** Queues a keep-alive that also carries the stream's position, now that it covers {@code engine}. */
    void keepAlive(StreamPosition engine, Buffer sharedFrame) {
        if (inStep) {
            position = engine;
            enqueue(sharedFrame, false);
            return;
        }
        StreamPosition merged = position.max(engine);
        inStep = merged == engine;
        position = merged;
        enqueue(inStep ? sharedFrame : SseFrames.keepAlive(merged), false);
    }

    // ---- any thread -------------------------------------------------------------------------------

    /** Queues a frame of the stream's own (its first, or a page of a catch-up), outside the bound. */
    void send(Buffer frame) {
        enqueue(frame, false);
    }

    /** Runs {@code next} once everything queued so far is written (at once when nothing is queued). */
    void whenDrained(Runnable next) {
        synchronized (this) {
            if (closed || ending != null) {
                return;
            }
            if (!queue.isEmpty() || draining || blocked) {
                whenDrained = next;
                return;
            }
        }
        next.run();
    }

    /**
     * Ends the stream after {@code lastFrame} (may be null). A slow client's queue is dropped first:
     * it resumes from the last id it did receive, so it loses nothing.
     */
    void end(Ending why, Buffer lastFrame) {
        synchronized (this) {
            if (closed || ending != null) {
                return;
            }
            ending = why;
            if (why == Ending.SLOW_CLIENT) {
                discardQueue();
            }
            if (lastFrame != null) {
                queue.add(lastFrame);
            }
            queue.add(END);
            if (draining) {
                return;
            }
            draining = true;
        }
        outlet.schedule(this::drain);
    }

    boolean isOver() {
        return closed || over.get();
    }

    /** Whether the connection has taken nothing for longer than {@code limit}. */
    synchronized boolean blockedLongerThan(Duration limit, long nowNanos) {
        return blocked && nowNanos - blockedSince > limit.toNanos();
    }

    // ---- the event loop ---------------------------------------------------------------------------

    /** The connection went away (the client closed it, or the network did). */
    void clientGone() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            discardQueue();
        }
        finish(ending == null ? Ending.CLIENT_GONE : ending);
    }

    /** The connection can take more. */
    void drained() {
        synchronized (this) {
            blocked = false;
            if (draining || closed) {
                return;
            }
            draining = true;
        }
        drain();
    }

    private void drain() {
        Runnable next = null;
        while (true) {
            Object item;
            synchronized (this) {
                if (closed) {
                    draining = false;
                    return;
                }
                if (ending == null && outlet.writeQueueFull()) {
                    draining = false;
                    if (!blocked) {
                        blocked = true;
                        blockedSince = System.nanoTime();
                    }
                    return;
                }
                item = queue.poll();
                if (item == null) {
                    draining = false;
                    next = whenDrained;
                    whenDrained = null;
                    break;
                }
            }
            write(item);
        }
        if (next != null) {
            next.run();
        }
    }

    private void write(Object item) {
        if (item == END) {
            synchronized (this) {
                closed = true;
            }
            outlet.end();
            if (ending == Ending.SLOW_CLIENT) {
                outlet.dropIfStuckAfter(DROP_GRACE);
            }
            finish(ending);
        } else if (item instanceof TopicEvent event) {
            outlet.write(event);
            delivered(event, true);
        } else if (item instanceof Delivery delivery) {
            if (delivery.idLine() == null) {
                outlet.write(delivery.event());
            } else {
                outlet.write(delivery.idLine(), delivery.event());
            }
            if (delivery.live()) {
                delivered(delivery.event(), true);
            }
        } else {
            outlet.write((Buffer) item);
        }
    }

    // ---- inside ------------------------------------------------------------------------------------

    private boolean enqueue(Object item, boolean bounded) {
        synchronized (this) {
            if (closed || ending != null) {
                return !bounded;
            }
            if (bounded && queue.size() >= maxQueued) {
                return false;
            }
            queue.add(item);
            if (draining || blocked) {
                return true;
            }
            draining = true;
        }
        outlet.schedule(this::drain);
        return true;
    }

    /** Under the monitor: drops what is queued, settling the live events' counts. */
    private void discardQueue() {
        for (Object item : queue) {
            if (item instanceof TopicEvent event) {
                delivered(event, false);
            } else if (item instanceof Delivery delivery && delivery.live()) {
                delivered(delivery.event(), false);
            }
        }
        queue.clear();
        whenDrained = null;
    }

    private void delivered(TopicEvent event, boolean written) {
        if (written) {
            meter.delivered(event);
        }
        if (event.written()) {
            meter.fannedOut(event);
        }
    }

    private void finish(Ending why) {
        if (over.compareAndSet(false, true)) {
            meter.ended(why);
            onEnd.accept(this);
        }
    }
}
