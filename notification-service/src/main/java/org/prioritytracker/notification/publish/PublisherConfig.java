package org.prioritytracker.notification.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.kafka")
public interface PublisherConfig {

    /** The topic dashboards consume. */
    @WithDefault("status-changes")
    String topic();

    /**
     * The largest record the topic takes (its {@code max.message.bytes}, 1 MB by default). A bigger
     * event is never sent: it goes to the dead letters at once.
     */
    @WithDefault("1000000")
    int maxRecordBytes();

    /** The first wait after a failed send; it doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** How long one send may take (metadata, in flight and acknowledgement) before it counts as failed. */
    @WithDefault("10s")
    Duration deliveryTimeout();
}
