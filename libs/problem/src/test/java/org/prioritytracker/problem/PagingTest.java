package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("domain")
class PagingTest {

    @Test
    void absentParametersTakeTheDefaults() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertEquals(new Paging(0, 50), Paging.parse(null, " ", 50, 200, errors));
        assertTrue(errors.isEmpty());
    }

    @Test
    void valuesAreReadAsWritten() {
        List<Problem.FieldError> errors = new ArrayList<>();
        Paging paging = Paging.parse(" 3 ", "200", 50, 200, errors);
        assertEquals(new Paging(3, 200), paging);
        assertEquals(600, paging.offset());
        assertTrue(errors.isEmpty());
    }

    @Test
    void aPageDeeperThanAMillionRowsIsRefusedNotOverflowed() {
        List<Problem.FieldError> errors = new ArrayList<>();
        assertEquals(new Paging(10_000, 100), Paging.parse("10000", "100", 50, 200, errors));
        assertTrue(errors.isEmpty());
        Paging.parse("21474837", "100", 50, 200, errors);
        assertEquals(List.of(new Problem.FieldError("page", "must be a whole number from 0 to 10000")), errors);
    }

    @Test
    void everyBadValueIsNamed() {
        List<Problem.FieldError> errors = new ArrayList<>();
        Paging paging = Paging.parse("-1", "0", 50, 200, errors);
        assertEquals(new Paging(0, 50), paging, "the defaults stand in for the bad values");
        assertEquals(
                List.of(
                        new Problem.FieldError("size", "must be a whole number from 1 to 200"),
                        new Problem.FieldError("page", "must be a whole number from 0 to 20000")),
                errors);
        errors.clear();
        Paging.parse("two", "99999999999999999999", 50, 200, errors);
        assertEquals(
                List.of("size", "page"),
                errors.stream().map(Problem.FieldError::field).toList());
        errors.clear();
        Paging.parse("1", "201", 50, 200, errors);
        assertEquals(
                List.of("size"), errors.stream().map(Problem.FieldError::field).toList());
    }
}
