package org.prioritytracker.system.benchmark;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in microseconds, counted in buckets instead of kept one by one: ten thousand streams times
 * thousands of events would be tens of millions of values. Exact up to 256 µs, then within 0.8 %
 * (128 buckets per power of two), like HdrHistogram with two significant digits; the maximum is
 * exact. Safe to record from any thread (the event loops of the stream clients).
 */
final class LatencyHistogram {

    private static final int SUB_BUCKETS = 128;
    private static final int EXACT = 2 * SUB_BUCKETS;
    /** 2^40 µs is twelve days: anything above lands in the last bucket. */
    private static final int MAX_EXPONENT = 40;

    private static final int SIZE = EXACT + (MAX_EXPONENT - 8 + 1) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(SIZE);
    private final LongAdder count = new LongAdder();
    private final LongAdder negative = new LongAdder();
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);

    /** Counts one latency; a negative one (clocks of two threads, an event seen first by the client) as 0. */
    void record(long micros) {
        count.increment();
        max.accumulateAndGet(micros, Math::max);
        min.accumulateAndGet(micros, Math::min);
        if (micros < 0) {
            negative.increment();
            micros = 0;
        }
        counts.incrementAndGet(index(micros));
    }

    long count() {
        return count.sum();
    }

    /** How many latencies were negative (counted as 0). */
    long negative() {
        return negative.sum();
    }

    /** The p-th percentile in ms (the middle of its bucket), NaN when empty. */
    double percentileMillis(double p) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(middle(i), Math.max(0, max.get())) / 1000.0;
            }
        }
        return maxMillis();
    }

    /** The lowest latency recorded (exact, negative ones as they were), NaN when empty. */
    double minMillis() {
        return count() == 0 ? Double.NaN : min.get() / 1000.0;
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : max.get() / 1000.0;
    }

    /** "p50 / p90 / p99 / max" in ms. */
    String summary() {
        if (count() == 0) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%s / %s / %s / %s",
                ms(percentileMillis(50)),
                ms(percentileMillis(90)),
                ms(percentileMillis(99)),
                ms(maxMillis()));
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : millis < 1000 ? "%.1f" : "%.0f", millis);
    }

    static int index(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(micros), MAX_EXPONENT);
        if (exponent == MAX_EXPONENT && micros >= (1L << (MAX_EXPONENT + 1))) {
            return SIZE - 1;
        }
        int shift = exponent - 7;
        return EXACT + (exponent - 8) * SUB_BUCKETS + (int) ((micros >>> shift) - SUB_BUCKETS);
    }

    /** The middle of bucket {@code index}, in µs. */
    static long middle(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = 8 + (index - EXACT) / SUB_BUCKETS;
        int shift = exponent - 7;
        long low = ((long) (SUB_BUCKETS + (index - EXACT) % SUB_BUCKETS)) << shift;
        return low + (1L << shift) / 2;
    }
}
