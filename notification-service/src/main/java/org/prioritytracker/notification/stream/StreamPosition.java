package org.prioritytracker.notification.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a browser stream stands in the topic: for each partition, the offset of the last record it
 * was sent. It is the SSE event id ({@code 0:41,1:17,...}); a client that reconnects with it as
 * {@code Last-Event-ID} resumes right after, missing nothing.
 */
record StreamPosition(Map<Integer, Long> lastOffsets) {

    static StreamPosition empty() {
        return new StreamPosition(new TreeMap<>());
    }

    /** Parses a Last-Event-ID; anything that is not a position reads as "no position" (start at the end). */
    static StreamPosition parse(String lastEventId) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (lastEventId == null || lastEventId.isBlank()) {
            return new StreamPosition(offsets);
        }
        for (String part : lastEventId.split(",")) {
            String[] pair = part.strip().split(":");
            if (pair.length != 2) {
                return null;
            }
            try {
                offsets.put(Integer.parseInt(pair[0]), Long.parseLong(pair[1]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new StreamPosition(offsets);
    }

    boolean isEmpty() {
        return lastOffsets.isEmpty();
    }

    StreamPosition after(int partition, long offset) {
        Map<Integer, Long> next = new TreeMap<>(lastOffsets);
        next.put(partition, offset);
        return new StreamPosition(next);
    }

    String id() {
        return lastOffsets.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }
}
