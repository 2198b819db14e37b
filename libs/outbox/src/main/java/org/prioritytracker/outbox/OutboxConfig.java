package org.prioritytracker.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of every event this service writes. */
    @WithDefault("/${quarkus.application.name}")
    String source();

    /**
     * The largest {@code data} an event may carry, in bytes of JSON. Far below the topic's maximum
     * message size: domain code caps long fields and links to the full resource instead.
     */
    @WithDefault("65536")
    int maxDataBytes();

    /** How long rows stay in the outbox table after they were written (they are on the topic long before). */
    @WithDefault("7d")
    Duration retention();

    /** How often rows older than the retention are deleted; {@code off} disables the purge (the tests run it themselves). */
    @WithDefault("1h")
    String purgeEvery();

    /** The wait after start-up before the first purge. */
    @WithDefault("1m")
    String purgeDelay();
}
