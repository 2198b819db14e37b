package org.prioritytracker.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * One rate limiter (resilience4j) per caller, kept in a bounded Caffeine cache so that many callers
 * cannot grow it without end. A caller's limiter is forgotten when it has been idle for ten periods,
 * which loses nothing: by then its permits are full again anyway.
 */
@ApplicationScoped
public class CallerRateLimits {

    private final RateLimiterConfig limiterConfig;
    private final Cache<String, RateLimiter> limiters;
    private final Duration period;

    public CallerRateLimits(RateLimitConfig config) {
        this.period = config.period();
        this.limiterConfig = RateLimiterConfig.custom()
                .limitForPeriod(config.writesPerPeriod())
                .limitRefreshPeriod(config.period())
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder()
                .maximumSize(config.maxCallers())
                .expireAfterAccess(config.period().multipliedBy(10))
                .build();
    }

    /** Whether the caller may make one more write now; when not, it should wait {@link #retryAfterSeconds()}. */
    public boolean tryAcquire(String caller) {
        return limiters.get(caller, key -> RateLimiter.of(key, limiterConfig)).acquirePermission();
    }

    public long retryAfterSeconds() {
        return Math.max(1, (period.toMillis() + 999) / 1000);
    }
}
