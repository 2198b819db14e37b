package org.prioritytracker.testsupport;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The clock of the plain domain tests. The build runs them once on today's date and again with
 * {@code -Dtracker.test.today=2027-06-01} and {@code 2025-01-01}, so that a rule that only holds on
 * some days of the calendar fails the build today rather than on that day.
 */
public final class DomainTestClock {

    public static final String PROPERTY = "tracker.test.today";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private DomainTestClock() {}

    /** Noon in Beijing on the day the build says it is (the system clock when it says nothing). */
    public static Clock clock() {
        String today = System.getProperty(PROPERTY, "");
        if (today.isBlank()) {
            return Clock.systemUTC();
        }
        return Clock.fixed(
                LocalDate.parse(today.strip())
                        .atTime(LocalTime.NOON)
                        .atZone(BEIJING)
                        .toInstant(),
                BEIJING);
    }
}
