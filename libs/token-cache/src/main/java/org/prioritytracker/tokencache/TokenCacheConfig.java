package org.prioritytracker.tokencache;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.token-cache")
public interface TokenCacheConfig {

    /** Verified tokens remembered at most (least recently used go first). */
    long maxTokens();

    /** How long a verified token is trusted without verifying it again, at most: its expiry comes first. */
    Duration maxAge();
}
