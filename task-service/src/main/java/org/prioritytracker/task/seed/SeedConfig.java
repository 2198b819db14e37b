package org.prioritytracker.task.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tracker.seed")
public interface SeedConfig {

    /** Load the seed data at start where it is absent. */
    @WithDefault("true")
    boolean enabled();

    /** Classpath location of the priorities file (the build copies the repository's seeds/ folder there). */
    @WithDefault("seeds/priorities.json")
    String priorities();

    /** Classpath location of the reporting bureaus file. */
    @WithDefault("seeds/provinces.json")
    String provinces();
}
