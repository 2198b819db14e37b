package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("domain")
class PreconditionsTest {

    @Test
    void theETagIsTheVersionInQuotes() {
        assertEquals("\"7\"", Preconditions.etag(7));
    }

    @Test
    void anIfMatchListMatchesWhenOneOfItsTagsIsTheCurrentVersion() {
        assertTrue(Preconditions.matches("\"3\"", 3));
        assertTrue(Preconditions.matches("3", 3));
        assertTrue(Preconditions.matches("\"1\", \"3\"", 3));
        assertTrue(Preconditions.matches(" * ", 3));
        assertFalse(Preconditions.matches("\"4\"", 3));
        assertFalse(Preconditions.matches("\"33\"", 3));
        assertFalse(Preconditions.matches("W/\"3\"", 3), "a weak tag never matches a change");
        assertFalse(Preconditions.matches("\"", 3));
        assertFalse(Preconditions.matches("\"3", 3));
    }

    @Test
    void withoutIfMatchIs428AndWithAStaleOneIs412() {
        for (String missing : new String[] {null, "", "  "}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Preconditions.requireCurrent(missing, 2, "item"));
            assertEquals(428, e.problem().status());
            assertEquals(List.of(new Problem.FieldError("If-Match", "is required")), e.problem().errors());
            assertTrue(e.problem().detail().contains("item's current ETag (\"2\")"), e.problem().detail());
        }
        ProblemException stale = assertThrows(ProblemException.class, () -> Preconditions.requireCurrent("\"1\"", 2, "report"));
        assertEquals(412, stale.problem().status());
        assertEquals("If-Match", stale.problem().errors().get(0).field());
        assertTrue(stale.problem().detail().contains("report has changed"), stale.problem().detail());
        Preconditions.requireCurrent("\"2\"", 2, "item");
    }
}
