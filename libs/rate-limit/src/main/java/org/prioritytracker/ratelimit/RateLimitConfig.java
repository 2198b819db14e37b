package org.prioritytracker.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.rate-limit")
public interface RateLimitConfig {

    /** Writes one caller may make per period; a batch of reports counts as one. */
    @WithDefault("50")
    int writesPerPeriod();

    @WithDefault("1s")
    Duration period();

    /** Callers whose limiters are kept at once; the least recently seen are forgotten first. */
    @WithDefault("10000")
    int maxCallers();
}
