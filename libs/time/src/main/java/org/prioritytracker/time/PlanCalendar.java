package org.prioritytracker.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The two ways the tracker tells time: instants in UTC, and days of the plan's calendar in Beijing
 * time (Asia/Shanghai), where due dates end and reporting periods begin. Both come from a
 * {@link Clock} so that a test can say what day it is.
 */
public final class PlanCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private PlanCalendar() {}

    /** Today on the plan's calendar. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** Now in UTC, at the precision PostgreSQL stores, so that what a service answers is what it stored. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
