package org.prioritytracker.notification.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.kafka")
public interface PublisherConfig {

    /** The topic dashboards consume. */
    @WithDefault("status-changes")
    String topic();

    Publisher publisher();

    interface Publisher {

        @WithDefault("true")
        boolean enabled();

        /** At most this many events are sent before the publisher waits for the broker's acknowledgements. */
        @WithDefault("500")
        int batchSize();

        /** How often the publisher looks for unpublished events when no commit has woken it. */
        @WithDefault("5s")
        Duration pollInterval();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** How long one send may wait for the broker (metadata and acknowledgement) before it counts as failed. */
        @WithDefault("15s")
        Duration deliveryTimeout();
    }
}
