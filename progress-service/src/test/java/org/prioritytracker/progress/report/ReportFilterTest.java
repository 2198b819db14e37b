package org.prioritytracker.progress.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

@Tag("domain")
class ReportFilterTest {

    @Test
    void blanksAreNoFilter() {
        assertEquals(
                new ReportFilter(null, null, null, null, null, null, 0, 50),
                ReportFilter.parse(" ", " ", "", null, "", " ", null, ""));
    }

    @Test
    void valuesAreStrippedAndTheReviewStateReadInAnyCase() {
        assertEquals(
                new ReportFilter("P3.2", "P3", "130000", "2025-Q2", 2025, ReviewState.RETURNED, 1, 20),
                ReportFilter.parse(" P3.2 ", " P3", " 130000", "2025-Q2 ", " 2025 ", "returned", "1", "20"));
        assertEquals(
                "2026-P12",
                ReportFilter.parse(null, "2026-P12", null, null, null, null, null, null)
                        .priority());
    }

    @Test
    void everyBadParameterIsNamed() {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> ReportFilter.parse(null, "P3.2", null, "2025-Q9", "25", "DONE", "21474837", "100"));
        List<String> fields =
                e.problem().errors().stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("priority", "plan", "reviewState", "period", "page"), fields);
        for (String priority : new String[] {"3", "p3", "P0", "P100", "P3.", "P%", "26-P3"}) {
            assertThrows(
                    ProblemException.class,
                    () -> ReportFilter.parse(null, priority, null, null, null, null, null, null),
                    priority);
        }
        assertThrows(
                ProblemException.class, () -> ReportFilter.parse(null, null, null, null, "twenty", null, null, null));
    }
}
