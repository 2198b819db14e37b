package org.prioritytracker.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("domain")
class PlanCalendarTest {

    @Test
    void aDayOfThePlanBeginsAtMidnightInBeijing() {
        assertEquals(LocalDate.parse("2025-06-30"), PlanCalendar.today(at("2025-06-30T15:59:59.999Z")));
        assertEquals(LocalDate.parse("2025-07-01"), PlanCalendar.today(at("2025-06-30T16:00:00Z")));
        assertEquals(LocalDate.parse("2026-01-01"), PlanCalendar.today(at("2025-12-31T16:00:00Z")));
    }

    @Test
    void theDayDoesNotDependOnTheClocksOwnZone() {
        Clock utc = at("2025-06-30T16:30:00Z");
        assertEquals(PlanCalendar.today(utc), PlanCalendar.today(utc.withZone(ZoneId.of("America/New_York"))));
    }

    @Test
    void nowIsInUtcAtMicrosecondPrecision() {
        assertEquals(
                OffsetDateTime.of(2025, 6, 1, 8, 0, 0, 123_456_000, ZoneOffset.UTC),
                PlanCalendar.now(at("2025-06-01T08:00:00.123456789Z")));
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
