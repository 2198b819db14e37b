package org.prioritytracker.warmup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tracker.warm-up")
public interface WarmUpConfig {

    /** Whether readiness waits for the warm-up steps at all (off in module tests, which need no warm instance). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long readiness waits for the steps at most. An instance that cannot warm up (a peer it loads
     * from is away) is still better ready than not: its requests then meet the peer's absence one by one.
     */
    @WithDefault("20s")
    Duration deadline();

    /** The first pause before a failed step is tried again; it doubles up to {@link #retryMax()}. */
    @WithDefault("100ms")
    Duration retry();

    @WithDefault("5s")
    Duration retryMax();

    /** Connections of the default datasource opened and checked before readiness (0: none). */
    @WithDefault("8")
    int connections();

    /**
     * The compiler is settled when it compiled for at most this share of a {@link #compilerWindow()}:
     * the start-up's burst of compilations is over and requests do not compete with it for the CPU.
     */
    @WithDefault("0.1")
    double compilerBusyShare();

    @WithDefault("250ms")
    Duration compilerWindow();
}
