package org.prioritytracker.progress.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of every event this service writes. */
    @WithDefault("/progress-service")
    String source();

    Relay relay();

    interface Relay {

        /** Run the relay in this instance. */
        @WithDefault("true")
        boolean enabled();

        /** notification-service's base URL; the relay posts to {@code <url>/internal/events}. */
        @WithDefault("http://127.0.0.1:8083")
        String notificationUrl();

        /** At most this many events go in one delivery. */
        @WithDefault("200")
        int batchSize();

        /** How often the relay looks for pending events when no commit has woken it. */
        @WithDefault("5s")
        Duration pollInterval();

        /** The first wait after a failed delivery; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        @WithDefault("2s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration requestTimeout();

        /** The relay's own identity in its event-publisher tokens. */
        @WithDefault("progress-service")
        String tokenSubject();
    }
}
