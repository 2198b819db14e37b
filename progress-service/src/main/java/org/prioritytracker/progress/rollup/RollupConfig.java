package org.prioritytracker.progress.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tracker.rollup")
public interface RollupConfig {

    /**
     * A province is behind on an item when its latest percent is below the national mean by more
     * than this many percentage points (or when it reports AT_RISK or BLOCKED).
     */
    @WithDefault("10")
    double behindMargin();
}
