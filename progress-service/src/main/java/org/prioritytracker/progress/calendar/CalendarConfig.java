package org.prioritytracker.progress.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The reporting calendar of a plan for which the ministry has set none. */
@ConfigMapping(prefix = "tracker.calendar")
public interface CalendarConfig {

    @WithDefault("QUARTERLY")
    Cadence cadence();

    /** Reports are due this many days after their period ends. */
    @WithDefault("10")
    int deadlineDays();

    /** tracker.report.due goes out this many days before the deadline. */
    @WithDefault("5")
    int reminderDays();

    /** A period takes no new report or amendment once it ended this many days ago; absent: never locked. */
    Optional<Integer> lockDays();

    /**
     * Plan years from this one on need the bureau's approval unless the ministry says otherwise; earlier
     * years ran before the bureau level existed and stay single-level.
     */
    @WithDefault("2026")
    int bureauApprovalFrom();
}
