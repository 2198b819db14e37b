package org.prioritytracker.notification.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on browser streams: each holds a Kafka consumer and a thread while it is open. */
@ConfigMapping(prefix = "tracker.stream")
public interface StreamConfig {

    /** Streams open at once on this instance, for everyone together; past it, 503 with Retry-After. */
    @WithDefault("200")
    int maxStreams();

    /** Streams open at once for one caller (token subject); past it, 429 with Retry-After. */
    @WithDefault("8")
    int maxStreamsPerCaller();
}
