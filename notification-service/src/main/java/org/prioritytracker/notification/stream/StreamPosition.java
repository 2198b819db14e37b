package org.prioritytracker.notification.stream;

import java.util.Arrays;

/**
 * Where a stream stands in the topic: for each partition, the offset of the last record it covers
 * (-1 for none). It is the SSE event id ({@code 0:41,1:17,...}); a client that reconnects with it as
 * {@code Last-Event-ID}, on this instance or any other, resumes right after, missing nothing and
 * receiving nothing twice. Immutable.
 */
final class StreamPosition {

    /** Partitions a position may name: far more than the topic has, few enough to bound a forged id. */
    static final int MAX_PARTITIONS = 1024;

    private static final int MAX_ID_LENGTH = 32 * MAX_PARTITIONS;
    private static final StreamPosition EMPTY = new StreamPosition(new long[0]);

    private final long[] offsets;
    private String id;

    private StreamPosition(long[] offsets) {
        this.offsets = offsets;
    }

    static StreamPosition empty() {
        return EMPTY;
    }

    /** The position whose partition {@code p} stands at {@code lastOffsets[p]}. */
    static StreamPosition of(long... lastOffsets) {
        return new StreamPosition(lastOffsets.clone());
    }

    /**
     * Reads a Last-Event-ID: empty for none (a new stream), null for anything that is not a position
     * (a partition named twice or out of range, an offset below -1, not numbers).
     */
    static StreamPosition parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return EMPTY;
        }
        if (lastEventId.length() > MAX_ID_LENGTH) {
            return null;
        }
        long[] offsets = new long[0];
        for (String part : lastEventId.split(",", -1)) {
            String[] pair = part.strip().split(":", -1);
            if (pair.length != 2) {
                return null;
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(pair[0]);
                offset = Long.parseLong(pair[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (partition < 0
                    || partition >= MAX_PARTITIONS
                    || offset < -1
                    || (partition < offsets.length && offsets[partition] != Long.MIN_VALUE)) {
                return null;
            }
            if (partition >= offsets.length) {
                int from = offsets.length;
                offsets = Arrays.copyOf(offsets, partition + 1);
                Arrays.fill(offsets, from, offsets.length, Long.MIN_VALUE);
            }
            offsets[partition] = offset;
        }
        for (int p = 0; p < offsets.length; p++) {
            if (offsets[p] == Long.MIN_VALUE) {
                offsets[p] = -1;
            }
        }
        return new StreamPosition(offsets);
    }

    boolean isEmpty() {
        return offsets.length == 0;
    }

    /** How many partitions the position names (0 to its highest, inclusive). */
    int partitions() {
        return offsets.length;
    }

    /** The last offset covered in that partition; -1 for a partition the position does not name. */
    long offset(int partition) {
        return partition < offsets.length ? offsets[partition] : -1;
    }

    /** The same position, moved to {@code offset} in {@code partition}. */
    StreamPosition after(int partition, long offset) {
        long[] next = Arrays.copyOf(offsets, Math.max(offsets.length, partition + 1));
        for (int p = offsets.length; p < next.length; p++) {
            next[p] = -1;
        }
        next[partition] = offset;
        return new StreamPosition(next);
    }

    /** Whether everything this position covers, {@code other} covers too, in every partition. */
    boolean coveredBy(StreamPosition other) {
        int partitions = Math.max(offsets.length, other.offsets.length);
        for (int p = 0; p < partitions; p++) {
            if (offset(p) > other.offset(p)) {
                return false;
            }
        }
        return true;
    }

    /** What both cover together: the later offset in each partition (one of the two when it covers the other). */
    StreamPosition max(StreamPosition other) {
        if (coveredBy(other)) {
            return other;
        }
        if (other.coveredBy(this)) {
            return this;
        }
        long[] merged = new long[Math.max(offsets.length, other.offsets.length)];
        for (int p = 0; p < merged.length; p++) {
            merged[p] = Math.max(offset(p), other.offset(p));
        }
        return new StreamPosition(merged);
    }

    /** The SSE id: {@code partition:offset} for every partition, in order. */
    String id() {
        String text = id;
        if (text == null) {
            StringBuilder builder = new StringBuilder(offsets.length * 8);
            for (int p = 0; p < offsets.length; p++) {
                builder.append(p == 0 ? "" : ",").append(p).append(':').append(offsets[p]);
            }
            text = builder.toString();
            id = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPosition position && Arrays.equals(offsets, position.offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return id();
    }
}
