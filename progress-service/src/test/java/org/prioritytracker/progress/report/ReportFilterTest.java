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
        assertEquals(new ReportFilter(null, null, null, null, 0, 50), ReportFilter.parse(" ", "", null, " ", null, ""));
    }

    @Test
    void valuesAreStrippedAndTheReviewStateReadInAnyCase() {
        assertEquals(new ReportFilter("P3.2", "130000", "2025-Q2", ReviewState.RETURNED, 1, 20),
                ReportFilter.parse(" P3.2 ", " 130000", "2025-Q2 ", "returned", "1", "20"));
    }

    @Test
    void everyBadParameterIsNamed() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ReportFilter.parse(null, null, "2025-Q9", "DONE", "21474837", "100"));
        List<String> fields = e.problem().errors().stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("reviewState", "period", "page"), fields);
    }
}
