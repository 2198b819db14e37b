package org.prioritytracker.task.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** How GET /api/items reads its query parameters. */
@Tag("domain")
class ItemQueryRulesTest {

    @Test
    void noParametersMeanEveryActiveItemOnTheFirstPageOfFifty() {
        assertEquals(
                new ItemQuery(null, null, null, null, false, 0, 50),
                ItemQuery.parse(null, null, null, null, null, null, null));
        assertEquals(
                new ItemQuery(null, null, null, null, false, 0, 50), ItemQuery.parse(" ", " ", "", " ", "", "", " "));
    }

    @Test
    void valuesAreReadLeniently() {
        assertEquals(
                new ItemQuery(2026, "2026-P3", ItemStatus.AT_RISK, true, true, 2, 10),
                ItemQuery.parse(" 2026", " 2026-p3 ", "at_risk", "TRUE", "True", "2", "10"));
        assertEquals(
                false,
                ItemQuery.parse(null, null, null, "false", null, null, null).overdue());
    }

    @Test
    void everyBadParameterIsNamedInOne400() {
        ProblemException e = assertThrows(
                ProblemException.class, () -> ItemQuery.parse("25", "P3", "DONE", "maybe", "no", "-1", "500"));
        assertEquals(400, e.problem().status());
        assertEquals(
                List.of("plan", "status", "overdue", "archived", "size", "page"),
                e.problem().errors().stream().map(Problem.FieldError::field).toList());
        assertEquals("must be true or false", e.problem().errors().get(2).message());
    }

    @Test
    void aPageBeyondAMillionRowsIsA400NotAnOverflow() {
        ProblemException e = assertThrows(
                ProblemException.class, () -> ItemQuery.parse(null, null, null, null, null, "21474837", "100"));
        assertEquals("page", e.problem().errors().get(0).field());
    }
}
