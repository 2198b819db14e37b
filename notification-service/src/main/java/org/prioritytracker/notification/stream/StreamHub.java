package org.prioritytracker.notification.stream;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.prioritytracker.notification.stream.StreamSubscriber.Ending;

/**
 * Hands each event the engine reads to the open streams that take it. Streams are grouped by their
 * filter and the groups indexed by subject, so an event visits the groups of its subject and those
 * without one, not every stream. It also keeps the ring of recent events, so that a stream resuming
 * from a position the ring holds catches up from memory, and joins the live flow in the same step:
 * no gap, no repeat.
 */
final class StreamHub {

    /** How an opening stream starts. */
    enum Opening {
        /** Subscribed at the engine's position (no Last-Event-ID). */
        LIVE,
        /** Subscribed after a catch-up from the ring. */
        RESUMED_FROM_RING,
        /** The position is older than the ring: catch up from the database, then {@link #join}. */
        OLDER_THAN_RING,
        /** The engine has not yet found the topic. */
        NOT_READY
    }

    private static final String ANY_SUBJECT = "";
    private static final Buffer TOKEN_EXPIRED = SseFrames.named("token-expired", null, "{}");

    private final ReentrantLock lock = new ReentrantLock();
    private final EventRing ring;
    private final Duration keepAlive;
    private final Duration slowClientTimeout;
    private final StreamSubscriber.Meter meter;
    private final Map<String, Map<StreamFilter, Group>> groupsBySubject = new HashMap<>();
    private StreamPosition position;
    private Instant lastKeepAlive = Instant.EPOCH;
    private int streams;

    StreamHub(EventRing ring, Duration keepAlive, Duration slowClientTimeout, StreamSubscriber.Meter meter) {
        this.ring = ring;
        this.keepAlive = keepAlive;
        this.slowClientTimeout = slowClientTimeout;
        this.meter = meter;
    }

    // ---- the engine's side ---------------------------------------------------------------------------

    /** The engine reads the topic from after {@code at}: the ring holds what comes after it. */
    void start(StreamPosition at) {
        lock.lock();
        try {
            position = at;
            ring.startAfter(at);
        } finally {
            lock.unlock();
        }
    }

    /** A record that is no event (unreadable): the position moves past it, nobody receives it. */
    void skip(StreamPosition after) {
        lock.lock();
        try {
            position = after;
        } finally {
            lock.unlock();
        }
    }

    void publish(TopicEvent event) {
        lock.lock();
        try {
            position = event.position;
            ring.add(event);
            dispatch(event, event.subject);
            dispatch(event, ANY_SUBJECT);
        } finally {
            lock.unlock();
        }
        if (event.written()) {
            meter.fannedOut(event);
        }
    }

    /** Ends streams whose token expired or whose client stopped reading; keeps the others' connections busy. */
    void tick(Instant now) {
        long nowNanos = System.nanoTime();
        lock.lock();
        try {
            boolean keepAliveDue = position != null && !now.isBefore(lastKeepAlive.plus(keepAlive));
            Buffer sharedKeepAlive = keepAliveDue ? SseFrames.keepAlive(position) : null;
            if (keepAliveDue) {
                lastKeepAlive = now;
            }
            forEachStream(stream -> {
                if (!now.isBefore(stream.tokenExpiry)) {
                    // The client learns why, so that it reconnects with a fresh token instead of this one.
                    stream.end(Ending.TOKEN_EXPIRED, TOKEN_EXPIRED);
                    return false;
                }
                if (stream.blockedLongerThan(slowClientTimeout, nowNanos)) {
                    stream.end(Ending.SLOW_CLIENT, slowClientFrame());
                    return false;
                }
                if (keepAliveDue) {
                    stream.keepAlive(position, sharedKeepAlive);
                }
                return true;
            });
        } finally {
            lock.unlock();
        }
    }

    /** Ends every stream (the instance is stopping): clients reconnect elsewhere with their last id. */
    void endAll() {
        lock.lock();
        try {
            forEachStream(stream -> {
                stream.end(Ending.SHUTDOWN, null);
                return false;
            });
        } finally {
            lock.unlock();
        }
    }

    // ---- the streams' side ---------------------------------------------------------------------------

    /**
     * Opens a stream at {@code from} (empty: the engine's position). Its first frame, the
     * {@code stream-position} event, is queued before anything else.
     */
    Opening open(StreamSubscriber stream, StreamPosition from) {
        lock.lock();
        try {
            if (position == null) {
                return Opening.NOT_READY;
            }
            if (from.isEmpty()) {
                stream.standAt(position, true);
                stream.send(positionFrame(position));
                subscribe(stream);
                return Opening.LIVE;
            }
            if (!ring.holdsAfter(from)) {
                return Opening.OLDER_THAN_RING;
            }
            stream.send(positionFrame(from));
            replayAndSubscribe(stream, from);
            return Opening.RESUMED_FROM_RING;
        } finally {
            lock.unlock();
        }
    }

    /** After a catch-up from the database: joins the live flow if the ring holds what follows {@code from}. */
    boolean join(StreamSubscriber stream, StreamPosition from) {
        lock.lock();
        try {
            if (!ring.holdsAfter(from)) {
                return false;
            }
            replayAndSubscribe(stream, from);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes the stream at the engine's position after a {@code reset} event: its position was
     * older than anything this service still holds, so the client must reload what it shows.
     */
    void reset(StreamSubscriber stream, boolean started) {
        lock.lock();
        try {
            stream.standAt(position, true);
            if (!started) {
                stream.send(positionFrame(position));
            }
            stream.send(SseFrames.named("reset", position, """
                    {"detail":"The stream's position is older than the events this service still holds: reload the current state from the APIs. The stream goes on from here."}"""));
            subscribe(stream);
        } finally {
            lock.unlock();
        }
    }

    /** The engine's position, or null before it found the topic. */
    StreamPosition position() {
        lock.lock();
        try {
            return position;
        } finally {
            lock.unlock();
        }
    }

    /** Per partition of the engine's position, the last offset the ring no longer holds (read at once). */
    long[] ringStart() {
        lock.lock();
        try {
            long[] start = new long[position == null ? 0 : position.partitions()];
            for (int partition = 0; partition < start.length; partition++) {
                start[partition] = ring.droppedUpTo(partition);
            }
            return start;
        } finally {
            lock.unlock();
        }
    }

    /** Streams subscribed now (not counting those still catching up from the database). */
    int streams() {
        lock.lock();
        try {
            return streams;
        } finally {
            lock.unlock();
        }
    }

    int ringEvents() {
        lock.lock();
        try {
            return ring.size();
        } finally {
            lock.unlock();
        }
    }

    static Buffer slowClientFrame() {
        return SseFrames.named("slow-client", null, """
                {"detail":"This stream fell too far behind and was ended. Reconnect with the id of the last event received: nothing is lost."}""");
    }

    // ---- inside ---------------------------------------------------------------------------------------

    static Buffer positionFrame(StreamPosition at) {
        // Tells the client where it starts: an EventSource keeps this id as its Last-Event-ID.
        return SseFrames.named("stream-position", at, "{}");
    }

    private void replayAndSubscribe(StreamSubscriber stream, StreamPosition from) {
        stream.standAt(from, from.equals(position));
        ring.forEachAfter(from, event -> {
            if (stream.accepts(event)) {
                stream.offer(event, false);
            }
        });
        subscribe(stream);
    }

    private void subscribe(StreamSubscriber stream) {
        String subject = stream.filter.subject() == null ? ANY_SUBJECT : stream.filter.subject();
        groupsBySubject
                .computeIfAbsent(subject, key -> new HashMap<>())
                .computeIfAbsent(stream.filter, Group::new)
                .add(stream);
        streams++;
    }

    private void dispatch(TopicEvent event, String subject) {
        Map<StreamFilter, Group> groups = groupsBySubject.get(subject);
        if (groups == null) {
            return;
        }
        List<StreamFilter> emptied = null;
        for (Group group : groups.values()) {
            if (!group.filter.accepts(event.source, event.subject, event.type, event.province)) {
                continue;
            }
            group.forEach(stream -> {
                if (stream.isOver()) {
                    streams--;
                    return false;
                }
                if (!stream.offer(event, true)) {
                    stream.end(Ending.SLOW_CLIENT, slowClientFrame());
                    streams--;
                    return false;
                }
                return true;
            });
            if (group.size() == 0) {
                emptied = emptied == null ? new ArrayList<>() : emptied;
                emptied.add(group.filter);
            }
        }
        if (emptied != null) {
            emptied.forEach(groups::remove);
            if (groups.isEmpty()) {
                groupsBySubject.remove(subject);
            }
        }
    }

    /** Visits every subscribed stream; one for which {@code keep} answers false (or that is over) leaves. */
    private void forEachStream(Predicate<StreamSubscriber> keep) {
        Iterator<Map<StreamFilter, Group>> subjects = groupsBySubject.values().iterator();
        while (subjects.hasNext()) {
            Map<StreamFilter, Group> groups = subjects.next();
            Iterator<Group> each = groups.values().iterator();
            while (each.hasNext()) {
                Group group = each.next();
                group.forEach(stream -> {
                    if (stream.isOver() || !keep.test(stream)) {
                        streams--;
                        return false;
                    }
                    return true;
                });
                if (group.size() == 0) {
                    each.remove();
                }
            }
            if (groups.isEmpty()) {
                subjects.remove();
            }
        }
    }
}
