package org.prioritytracker.notification.stream;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The newest events the engine read, in its order, bounded by count and by bytes: a stream that
 * resumes from a position the ring still holds catches up from memory. Not thread-safe: the hub
 * guards it.
 */
final class EventRing {

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<TopicEvent> events = new ArrayDeque<>();
    /** Per partition, the last offset no longer held (the engine's start, or the newest event dropped). */
    private long[] droppedUpTo = new long[0];

    private long bytes;

    EventRing(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Where the ring begins: it holds every event after {@code start}, in each partition. */
    void startAfter(StreamPosition start) {
        long[] dropped = new long[Math.max(droppedUpTo.length, start.partitions())];
        for (int p = 0; p < dropped.length; p++) {
            dropped[p] = p < start.partitions() ? start.offset(p) : droppedUpTo[p];
        }
        droppedUpTo = dropped;
    }

    void add(TopicEvent event) {
        events.addLast(event);
        bytes += event.size();
        while (events.size() > maxEvents || (bytes > maxBytes && events.size() > 1)) {
            TopicEvent dropped = events.removeFirst();
            bytes -= dropped.size();
            grow(dropped.partition + 1);
            droppedUpTo[dropped.partition] = Math.max(droppedUpTo[dropped.partition], dropped.offset);
        }
    }

    /** Whether the ring holds every event after {@code position}, in every partition the engine reads. */
    boolean holdsAfter(StreamPosition position) {
        for (int p = 0; p < droppedUpTo.length; p++) {
            if (position.offset(p) < droppedUpTo[p]) {
                return false;
            }
        }
        return true;
    }

    /** The events after {@code position} (in their partitions), oldest first. */
    void forEachAfter(StreamPosition position, Consumer<TopicEvent> action) {
        for (TopicEvent event : events) {
            if (event.offset > position.offset(event.partition)) {
                action.accept(event);
            }
        }
    }

    /** The last offset dropped in that partition, for a catch-up from the database that must reach it. */
    long droppedUpTo(int partition) {
        return partition < droppedUpTo.length ? droppedUpTo[partition] : -1;
    }

    int size() {
        return events.size();
    }

    private void grow(int partitions) {
        if (partitions > droppedUpTo.length) {
            int from = droppedUpTo.length;
            droppedUpTo = Arrays.copyOf(droppedUpTo, partitions);
            Arrays.fill(droppedUpTo, from, partitions, -1);
        }
    }
}
