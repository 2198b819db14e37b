package org.prioritytracker.progress.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.ItemInfo;
import org.prioritytracker.testsupport.DomainTestClock;
import org.prioritytracker.time.PlanCalendar;

/**
 * The rules of a report that need the calendar, the bureaus or the item. "Today" is the build's
 * day (see DomainTestClock): the build runs these on today's date, on 2027-06-01 and on 2025-01-01.
 */
@Tag("domain")
class ReportRulesTest {

    private final LocalDate today = PlanCalendar.today(DomainTestClock.clock());
    private final Period thisQuarter = quarterOf(today);

    @Test
    void aPeriodThatHasBegunIsAccepted() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertEquals(thisQuarter, ReportRules.check(request(thisQuarter.text()), "130000", true, today, errors));
        Period thisMonth = Period.parse(String.format("%d-%02d", today.getYear(), today.getMonthValue()));
        assertEquals(thisMonth, ReportRules.check(request(thisMonth.text()), "130000", true, today, errors));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aPeriodThatBeginsTomorrowOrLaterLiesInTheFuture() {
        Period next = quarterOf(thisQuarter.end().plusDays(1));
        List<Problem.FieldError> errors = new ArrayList<>();
        assertNull(ReportRules.check(request(next.text()), "130000", true, today, errors));
        assertEquals(
                List.of(new Problem.FieldError(
                        "period", "lies in the future (it begins on " + next.start() + ", Beijing time)")),
                errors);

        errors.clear();
        assertEquals(
                next,
                ReportRules.check(request(next.text()), "130000", true, next.start(), errors),
                "on its first day it has begun");
        assertNull(ReportRules.check(
                request(next.text()), "130000", true, next.start().minusDays(1), errors));
    }

    @Test
    void numbersBureauAndPeriodFormatAreCheckedTogether() {
        ReportRequest bad = new ReportRequest(
                "P3.2",
                null,
                "2025-Q5",
                Double.NaN,
                ReportStatus.ON_TRACK,
                null,
                List.of(new Metric("PM2.5", Double.POSITIVE_INFINITY, "µg/m³"), new Metric("x", 1.0, null)));
        List<Problem.FieldError> errors = new ArrayList<>();
        assertNull(ReportRules.check(bad, "999999", false, today, errors));
        assertEquals(
                List.of("provinceCode", "percentComplete", "metrics[0].value", "period"),
                errors.stream().map(Problem.FieldError::field).toList());
        assertEquals(
                "'999999' is not one of the 32 reporting bureaus", errors.get(0).message());
    }

    @Test
    void aMissingPeriodIsLeftToBeanValidation() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertNull(ReportRules.check(request(null), "130000", true, today, errors));
        assertNull(ReportRules.check(request("  "), "130000", true, today, errors));
        assertTrue(errors.isEmpty());
    }

    @Test
    void theItemMustExistAndThePeriodLieInItsPlanYear() {
        ItemInfo item =
                new ItemInfo("P3.2", "P3", 2025, "持续深入推进碧水保卫战", "Clear waters", LocalDate.parse("2025-12-31"), null);
        List<Problem.FieldError> errors = new ArrayList<>();
        ReportRules.checkItem("P3.2", Period.parse("2025-Q3"), Optional.of(item), errors);
        ReportRules.checkItem("P3.2", null, Optional.of(item), errors);
        assertTrue(errors.isEmpty());
        ReportRules.checkItem("P3.2", Period.parse("2024-12"), Optional.of(item), errors);
        ReportRules.checkItem("P9.9", Period.parse("2025-Q3"), Optional.empty(), errors);
        assertEquals(
                List.of(
                        new Problem.FieldError("period", "must lie in 2025, the plan year of P3.2"),
                        new Problem.FieldError("itemCode", "no sub-item has the code 'P9.9'")),
                errors);
    }

    @Test
    void theYearComesFromThePlanNotTheDueDateAndAnArchivedItemTakesNoReport() {
        ItemInfo runsOn = new ItemInfo("2026-P1.1", "2026-P1", 2026, "甲", "A", LocalDate.parse("2027-06-30"), null);
        ItemInfo archived = new ItemInfo(
                "P3.6",
                "P3",
                2025,
                "乙",
                "B",
                LocalDate.parse("2025-12-31"),
                OffsetDateTime.parse("2025-07-01T00:00:00Z"));
        List<Problem.FieldError> errors = new ArrayList<>();
        ReportRules.checkItem("2026-P1.1", Period.parse("2026-Q4"), Optional.of(runsOn), errors);
        assertTrue(errors.isEmpty());
        ReportRules.checkItem("2026-P1.1", Period.parse("2027-Q1"), Optional.of(runsOn), errors);
        ReportRules.checkItem("P3.6", Period.parse("2025-Q2"), Optional.of(archived), errors);
        assertEquals(
                List.of(
                        new Problem.FieldError("period", "must lie in 2026, the plan year of 2026-P1.1"),
                        new Problem.FieldError("itemCode", "sub-item P3.6 is archived: it expects no reports")),
                errors);
    }

    @Test
    void errorsBecomeOne400() {
        ReportRules.throwIfAny(List.of());
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> ReportRules.throwIfAny(List.of(new Problem.FieldError("period", "is wrong"))));
        assertEquals(400, e.problem().status());
        assertEquals("period: is wrong", e.problem().detail());
    }

    private static ReportRequest request(String period) {
        return new ReportRequest("P3.2", null, period, 45.5, ReportStatus.ON_TRACK, "进展顺利", List.of());
    }

    private static Period quarterOf(LocalDate day) {
        return Period.parse(day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1));
    }
}
