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
            DomainException e = assertThrows(
                    DomainException.VersionRequired.class, () -> Preconditions.requireCurrent(missing, 2, "item"));
            Problem problem = ProblemMappers.domainProblem(e);
            assertEquals(428, problem.status());
            assertEquals(List.of(new Problem.FieldError("If-Match", "is required")), problem.errors());
            assertTrue(problem.detail().contains("item's current ETag (\"2\")"), problem.detail());
        }
        DomainException stale = assertThrows(
                DomainException.StaleVersion.class, () -> Preconditions.requireCurrent("\"1\"", 2, "report"));
        Problem problem = ProblemMappers.domainProblem(stale);
        assertEquals(412, problem.status());
        assertEquals("If-Match", problem.errors().get(0).field());
        assertTrue(problem.detail().contains("report has changed"), problem.detail());
        Preconditions.requireCurrent("\"2\"", 2, "item");
    }
}
