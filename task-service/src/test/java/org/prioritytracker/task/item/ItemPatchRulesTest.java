package org.prioritytracker.task.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** The JSON merge patch of a sub-item's descriptive fields: what may change, and how. */
@Tag("domain")
class ItemPatchRulesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void appliesOnlyTheFieldsGivenAndNullClearsAnOptionalOne() throws Exception {
        SubItem item = item();
        ItemPatch patch = ItemPatch.parse(json("""
                {"titleZh": "  新标题  ", "titleEn": "New title", "description": null, "leadDepartment": " 水生态环境司 ",
                 "dueDate": "2025-11-30"}"""));
        assertFalse(patch.isEmpty());
        assertTrue(patch.changesDueDate());
        patch.applyTo(item);
        assertEquals("新标题", item.titleZh);
        assertEquals("New title", item.titleEn);
        assertNull(item.description);
        assertEquals("水生态环境司", item.leadDepartment);
        assertEquals(LocalDate.parse("2025-11-30"), item.dueDate);
        assertEquals("持续深入推进碧水保卫战", item.sourceText, "untouched");
    }

    @Test
    void anEmptyPatchChangesNothing() throws Exception {
        ItemPatch patch = ItemPatch.parse(json("{}"));
        assertTrue(patch.isEmpty());
        assertFalse(patch.changesDueDate());
        ItemPatch description = ItemPatch.parse(json("{\"description\": \"重点流域\"}"));
        assertFalse(description.changesDueDate());
        SubItem item = item();
        description.applyTo(item);
        assertEquals("重点流域", item.description);
    }

    @Test
    void everyFieldThatMayNotChangeOrIsInvalidIsNamed() throws Exception {
        ProblemException e =
                assertThrows(ProblemException.class, () -> ItemPatch.parse(json("""
                {"status": "COMPLETED", "code": "P9.9", "colour": "red", "titleZh": " ", "titleEn": 5,
                 "description": 7, "leadDepartment": "%s", "dueDate": "2025-02-30"}""".formatted("部".repeat(201)))));
        assertEquals(400, e.problem().status());
        List<Problem.FieldError> errors = e.problem().errors();
        assertEquals(
                List.of("status", "code", "colour", "titleZh", "titleEn", "description", "leadDepartment", "dueDate"),
                errors.stream().map(Problem.FieldError::field).toList());
        assertEquals(
                "cannot be changed with PATCH; use POST /api/items/{code}/transitions",
                errors.get(0).message());
        assertEquals("cannot be changed with PATCH", errors.get(1).message());
        assertEquals("is not a known field", errors.get(2).message());
        assertEquals("must be a non-empty string", errors.get(3).message());
        assertEquals("must be a string or null", errors.get(5).message());
        assertEquals("must be at most 200 characters", errors.get(6).message());
        assertEquals("must be a date such as 2025-12-31", errors.get(7).message());
    }

    @Test
    void limitsAndDatesAreChecked() throws Exception {
        assertThrows(ProblemException.class, () -> ItemPatch.parse(json("{\"titleZh\": \"" + "题".repeat(501) + "\"}")));
        ItemPatch.parse(json("{\"titleZh\": \"" + "题".repeat(500) + "\"}"));
        assertThrows(
                ProblemException.class, () -> ItemPatch.parse(json("{\"description\": \"" + "x".repeat(5001) + "\"}")));
        ItemPatch.parse(json("{\"description\": \"" + "x".repeat(5000) + "\"}"));
        ProblemException year =
                assertThrows(ProblemException.class, () -> ItemPatch.parse(json("{\"dueDate\": \"1999-12-31\"}")));
        assertEquals(
                "must lie between the years 2000 and 2100",
                year.problem().errors().get(0).message());
        assertThrows(ProblemException.class, () -> ItemPatch.parse(json("{\"dueDate\": \"2101-01-01\"}")));
        ItemPatch.parse(json("{\"dueDate\": \"2100-12-31\"}"));
        ItemPatch.parse(json("{\"dueDate\": \"2000-01-01\"}"));
        assertThrows(ProblemException.class, () -> ItemPatch.parse(json("{\"dueDate\": 20251231}")));
        ProblemException array = assertThrows(ProblemException.class, () -> ItemPatch.parse(json("[]")));
        assertEquals("body", array.problem().errors().get(0).field());
        assertThrows(ProblemException.class, () -> ItemPatch.parse(null));
    }

    @Test
    void textThatCannotBeStoredIsRefusedNamingTheField() throws Exception {
        ProblemException e = assertThrows(
                ProblemException.class,
                () -> ItemPatch.parse(json("{\"titleZh\": \"a\\u0000b\", \"description\": \"x\\u0001\"}")));
        assertEquals(
                List.of("titleZh", "description"),
                e.problem().errors().stream().map(Problem.FieldError::field).toList());
        assertEquals(
                "contains the character U+0000 at position 1, which cannot be stored",
                e.problem().errors().get(0).message());
    }

    private JsonNode json(String text) throws Exception {
        return json.readTree(text);
    }

    private static SubItem item() {
        SubItem item = new SubItem();
        item.code = "P3.2";
        item.titleZh = "持续深入推进碧水保卫战";
        item.titleEn = "Keep pressing on with the battle for clear waters";
        item.sourceText = "持续深入推进碧水保卫战";
        item.description = "old";
        item.dueDate = LocalDate.parse("2025-12-31");
        return item;
    }
}
