package org.prioritytracker.system.benchmark;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every CloudEvent the benchmark has seen, by its ce id, each with a small number that the streams
 * keep in a bit set instead of the id; when it reached the reference Kafka consumer, and in which
 * phase. The clients record each (stream, event) pair's latencies here as it arrives: at once when
 * the reference consumer has already seen the event, or at the end of the phase otherwise.
 */
final class EventBook {

    /** Latencies of a (stream, event) pair whose event the reference has not seen yet, kept at most this many. */
    private static final int MAX_PENDING = 4_000_000;

    /** One event. Written by the first thread that sees it; the reference consumer fills in the rest. */
    static final class Entry {
        final int index;
        volatile long commitMicros = Long.MIN_VALUE;
        /** Arrival at the reference consumer, Long.MIN_VALUE until then. */
        volatile long recordMicros = Long.MIN_VALUE;

        volatile Phase phase;
        volatile String subject;
        volatile String type;
        volatile String source;
        volatile String province;

        Entry(int index) {
            this.index = index;
        }
    }

    /** The latencies of one phase: all streams, and the stalled ones apart. */
    static final class Phase {
        final String name;
        final LatencyHistogram recordToClient = new LatencyHistogram();
        final LatencyHistogram commitToClient = new LatencyHistogram();
        final LatencyHistogram stalledRecordToClient = new LatencyHistogram();
        final LatencyHistogram stalledCommitToClient = new LatencyHistogram();
        /** The pipeline before the fan-out: the event's commit to the reference consumer's receipt. */
        final LatencyHistogram commitToRecord = new LatencyHistogram();

        Phase(String name) {
            this.name = name;
        }

        void record(Entry entry, long arrivalMicros, boolean stalled) {
            (stalled ? stalledRecordToClient : recordToClient).record(arrivalMicros - entry.recordMicros);
            if (entry.commitMicros != Long.MIN_VALUE) {
                (stalled ? stalledCommitToClient : commitToClient).record(arrivalMicros - entry.commitMicros);
            }
        }
    }

    private record Pending(Entry entry, long arrivalMicros, boolean stalled) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> bySubjectSequence = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingSize = new AtomicInteger();
    private final LongAdder pendingDropped = new LongAdder();
    /** Data messages (CloudEvents) received by all clients together. */
    final LongAdder delivered = new LongAdder();

    Entry entry(String id) {
        return byId.computeIfAbsent(id, key -> new Entry(next.getAndIncrement()));
    }

    /** The event whose subject and sequence these are, once the reference consumer has seen it. */
    Entry bySubjectSequence(String subject, long sequence) {
        return bySubjectSequence.get(subject + "#" + sequence);
    }

    /** The reference consumer received the record of this event at {@code micros}, in {@code phase}. */
    void seenByReference(
            String id,
            long micros,
            Phase phase,
            String subject,
            String sequence,
            String type,
            String source,
            String province,
            String time) {
        Entry entry = entry(id);
        entry.subject = subject;
        entry.type = type;
        entry.source = source;
        entry.province = province;
        if (entry.commitMicros == Long.MIN_VALUE && time != null) {
            entry.commitMicros = micros(Instant.parse(time));
        }
        if (entry.recordMicros == Long.MIN_VALUE) {
            entry.recordMicros = micros;
            entry.phase = phase;
            if (entry.commitMicros != Long.MIN_VALUE) {
                phase.commitToRecord.record(micros - entry.commitMicros);
            }
        }
        if (subject != null && sequence != null) {
            bySubjectSequence.putIfAbsent(subject + "#" + sequence, entry);
        }
    }

    /** A client received the event at {@code arrivalMicros}. */
    void delivered(Entry entry, long arrivalMicros, boolean stalled) {
        delivered.increment();
        Phase phase = entry.phase;
        if (phase != null) {
            phase.record(entry, arrivalMicros, stalled);
        } else if (pendingSize.incrementAndGet() <= MAX_PENDING) {
            pending.add(new Pending(entry, arrivalMicros, stalled));
        } else {
            pendingSize.decrementAndGet();
            pendingDropped.increment();
        }
    }

    /**
     * Records the pairs whose event the reference consumer has seen since they arrived; forgets those
     * it never saw (events from before any phase). Returns how many were forgotten.
     */
    long resolvePending() {
        long forgotten = 0;
        for (Pending p; (p = pending.poll()) != null; ) {
            pendingSize.decrementAndGet();
            Phase phase = p.entry().phase;
            if (phase != null) {
                phase.record(p.entry(), p.arrivalMicros(), p.stalled());
            } else {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Pairs that could not wait for the reference consumer (more than {@value #MAX_PENDING} waiting). */
    long pendingDropped() {
        return pendingDropped.sum();
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static long nowMicros() {
        return micros(Instant.now());
    }
}
