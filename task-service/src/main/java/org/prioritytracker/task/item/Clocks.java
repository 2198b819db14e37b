package org.prioritytracker.task.item;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The two clocks of the domain: instants in UTC, and the plan's calendar in Beijing time. */
public final class Clocks {

    /** Due dates are days of the Chinese calendar: an item is overdue once its due day has ended in Beijing. */
    public static final ZoneId PLAN_ZONE = ZoneId.of("Asia/Shanghai");

    private Clocks() {
    }

    /** Now in UTC, at the precision PostgreSQL stores, so that what we answer is what we stored. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static LocalDate today() {
        return LocalDate.now(PLAN_ZONE);
    }

    public static boolean isPastDue(LocalDate dueDate) {
        return dueDate.isBefore(today());
    }
}
