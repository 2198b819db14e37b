package org.prioritytracker.progress.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("domain")
class PeriodTest {

    @Test
    void aQuarterRunsFromItsFirstToItsLastDay() {
        assertEquals(
                new Period("2025-Q1", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-03-31")),
                Period.parse("2025-Q1"));
        assertEquals(
                new Period("2025-Q2", LocalDate.parse("2025-04-01"), LocalDate.parse("2025-06-30")),
                Period.parse("2025-Q2"));
        assertEquals(
                new Period("2025-Q3", LocalDate.parse("2025-07-01"), LocalDate.parse("2025-09-30")),
                Period.parse("2025-Q3"));
        assertEquals(
                new Period("2025-Q4", LocalDate.parse("2025-10-01"), LocalDate.parse("2025-12-31")),
                Period.parse("2025-Q4"));
        assertEquals(2025, Period.parse("2025-Q4").year());
    }

    @Test
    void aMonthRunsFromItsFirstToItsLastDayLeapYearsIncluded() {
        assertEquals(
                new Period("2025-02", LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-28")),
                Period.parse("2025-02"));
        assertEquals(LocalDate.parse("2028-02-29"), Period.parse("2028-02").end());
        assertEquals(LocalDate.parse("2025-12-31"), Period.parse("2025-12").end());
        assertEquals(2026, Period.parse("2026-01").year());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2025",
                "2025-Q0",
                "2025-Q5",
                "2025-00",
                "2025-13",
                "2025-1",
                "25-Q1",
                "2025-q1",
                "2025-Q1 ",
                "2025/Q1",
                "2025-Q12",
                "२०२५-Q1"
            })
    void anythingElseIsNoPeriod(String text) {
        assertNull(Period.parse(text));
    }

    @Test
    void noTextIsNoPeriod() {
        assertNull(Period.parse(null));
    }
}
