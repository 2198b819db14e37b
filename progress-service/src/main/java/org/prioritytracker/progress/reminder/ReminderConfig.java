package org.prioritytracker.progress.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "tracker.reminders")
public interface ReminderConfig {

    /** How often the check runs (a scheduler period such as 10m; off switches it off). */
    @WithDefault("10m")
    String every();

    /** How long after start the first check runs. */
    @WithDefault("30s")
    String delay();

    /**
     * A late reminder goes out only this many days after the deadline at most, so that a check that
     * was off for a while, or a first deployment, does not remind bureaus of long-past periods.
     */
    @WithDefault("14")
    int lateForDays();
}
