package org.prioritytracker.progress.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarTermsTest {

    private final CalendarTerms quarterly = new CalendarTerms(2025, Cadence.QUARTERLY, 10, 5, 30);

    @Test
    void aPeriodIsDueTheDeadlineDaysAfterItsEndAndRemindedBeforeThat() {
        Period q1 = Period.parse("2025-Q1");
        assertEquals(LocalDate.parse("2025-04-10"), quarterly.deadline(q1));
        assertEquals(LocalDate.parse("2025-04-05"), quarterly.reminderDay(q1));
        assertEquals(LocalDate.parse("2025-04-30"), quarterly.lastEntryDay(q1));
    }

    @Test
    void aPeriodLocksTheDayAfterItsLastEntryDayUnlessThereIsNoLock() {
        Period q1 = Period.parse("2025-Q1");
        assertFalse(quarterly.lockedOn(q1, LocalDate.parse("2025-04-30")));
        assertTrue(quarterly.lockedOn(q1, LocalDate.parse("2025-05-01")));
        CalendarTerms neverLocks = new CalendarTerms(2025, Cadence.QUARTERLY, 10, 5, null);
        assertNull(neverLocks.lastEntryDay(q1));
        assertFalse(neverLocks.lockedOn(q1, LocalDate.parse("2030-01-01")));
    }

    @Test
    void duePeriodsAreThoseWhoseDeadlineHasPassed() {
        assertEquals(
                List.of(),
                quarterly.duePeriods(LocalDate.parse("2025-04-10")).stream()
                        .map(Period::text)
                        .toList());
        assertEquals(
                List.of("2025-Q1"),
                quarterly.duePeriods(LocalDate.parse("2025-04-11")).stream()
                        .map(Period::text)
                        .toList());
        assertEquals(
                List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"),
                quarterly.duePeriods(LocalDate.parse("2026-11-29")).stream()
                        .map(Period::text)
                        .toList());
        CalendarTerms monthly = new CalendarTerms(2025, Cadence.MONTHLY, 0, 0, null);
        assertEquals(12, monthly.periods().size());
        assertEquals(
                List.of("2025-01", "2025-02"),
                monthly.duePeriods(LocalDate.parse("2025-03-01")).stream()
                        .map(Period::text)
                        .toList());
    }

    @Test
    void aPlanReportsPeriodsOfItsYearAndCadence() {
        assertTrue(quarterly.reports(Period.parse("2025-Q4")));
        assertFalse(quarterly.reports(Period.parse("2025-06")));
        assertFalse(quarterly.reports(Period.parse("2026-Q1")));
        assertEquals("must be a quarter such as 2025-Q2: the 2025 plan reports quarterly", quarterly.periodRule());
        assertEquals(
                "must be a month such as 2026-06: the 2026 plan reports monthly",
                new CalendarTerms(2026, Cadence.MONTHLY, 10, 5, null).periodRule());
    }
}
