package org.prioritytracker.notification.stream;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The stream engine's shared parts: the slots, the metrics and the hub with its ring. */
class StreamSetup {

    @Produces
    @Singleton
    StreamSlots slots(StreamConfig config) {
        return new StreamSlots(config.maxStreams(), config.maxStreamsPerCaller());
    }

    @Produces
    @Singleton
    StreamMetrics metrics(MeterRegistry registry, StreamSlots slots) {
        return new StreamMetrics(registry, slots::open);
    }

    @Produces
    @Singleton
    StreamHub hub(StreamConfig config, StreamMetrics metrics) {
        StreamHub hub = new StreamHub(
                new EventRing(config.ringEvents(), config.ringSize().asLongValue()),
                config.keepAlive(),
                config.slowClientTimeout(),
                metrics);
        metrics.watchRing(hub::ringEvents);
        return hub;
    }
}
