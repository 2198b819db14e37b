package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HeaderHygieneTest {

    @Test
    void mediaTypesPassAndGarbageIsNamed() {
        assertNull(HeaderHygiene.mediaTypeProblem("Content-Type", "application/json; charset=UTF-8"));
        assertNull(HeaderHygiene.mediaTypeProblem("Accept", "text/event-stream, application/json;q=0.9, */*"));
        assertNotNull(HeaderHygiene.mediaTypeProblem("Content-Type", "%00"));
        assertNotNull(HeaderHygiene.mediaTypeProblem("Content-Type", "碧水"));
        assertNotNull(HeaderHygiene.mediaTypeProblem("Accept", "application/json, ///"));
    }
}
