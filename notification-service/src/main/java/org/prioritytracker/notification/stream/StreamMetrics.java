package org.prioritytracker.notification.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.prioritytracker.notification.stream.StreamSubscriber.Ending;

/** What the stream engine reports in /q/metrics. */
final class StreamMetrics implements StreamSubscriber.Meter {

    /** Where a resumed stream caught up from. */
    enum Resumed {
        RING,
        DATABASE,
        RESET;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Counter delivered;
    private final Map<Ending, Counter> ended = new EnumMap<>(Ending.class);
    private final Map<Resumed, Counter> resumed = new EnumMap<>(Resumed.class);
    private final Timer fanOut;
    private final Timer eventAge;

    private final MeterRegistry registry;

    StreamMetrics(MeterRegistry registry, Supplier<Number> openStreams) {
        this.registry = registry;
        Gauge.builder("tracker.stream.open", openStreams)
                .description("Event streams open on this instance")
                .register(registry);
        delivered = Counter.builder("tracker.stream.events.delivered")
                .description("Events written to streams")
                .register(registry);
        for (Ending why : Ending.values()) {
            ended.put(
                    why,
                    Counter.builder("tracker.stream.ended")
                            .description("Event streams ended, by why")
                            .tag("reason", why.label)
                            .register(registry));
        }
        for (Resumed from : Resumed.values()) {
            resumed.put(
                    from,
                    Counter.builder("tracker.stream.resumed")
                            .description(
                                    "Streams opened with a Last-Event-ID, by where they caught up from (reset: too old, told to reload)")
                            .tag("from", from.label())
                            .register(registry));
        }
        fanOut = Timer.builder("tracker.stream.fanout")
                .description(
                        "From a record's arrival at the stream engine's consumer to its write on the last stream that takes it")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        eventAge = Timer.builder("tracker.stream.event.age")
                .description("From an event's time (its commit) to its write on the last stream that takes it")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
    }

    @Override
    public void delivered(TopicEvent live) {
        delivered.increment();
    }

    @Override
    public void fannedOut(TopicEvent live) {
        if (!live.taken()) {
            return;
        }
        fanOut.record(System.nanoTime() - live.receivedNanos, TimeUnit.NANOSECONDS);
        if (live.eventTimeMillis >= 0) {
            eventAge.record(Math.max(0, System.currentTimeMillis() - live.eventTimeMillis), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void ended(Ending why) {
        ended.get(why).increment();
    }

    void watchRing(Supplier<Number> ringEvents) {
        Gauge.builder("tracker.stream.ring.events", ringEvents)
                .description("Recent events the stream engine holds in memory")
                .register(registry);
    }

    void resumed(Resumed from) {
        resumed.get(from).increment();
    }
}
