package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.ProblemException;

@Tag("domain")
class StreamSlotsTest {

    @Test
    void aCallerPastItsShareGets429AndTheInstancePastItsTotal503() {
        StreamSlots slots = new StreamSlots(3, 2);
        slots.acquire("a");
        slots.acquire("a");
        ProblemException mine = assertThrows(ProblemException.class, () -> slots.acquire("a"));
        assertEquals(429, mine.problem().status());
        assertEquals("5", mine.headers().get("Retry-After"));
        slots.acquire("b");
        ProblemException full = assertThrows(ProblemException.class, () -> slots.acquire("c"));
        assertEquals(503, full.problem().status());
        assertEquals(3, slots.open());
    }

    @Test
    void releasedSlotsAreFreeAgain() {
        StreamSlots slots = new StreamSlots(2, 1);
        slots.acquire("a");
        slots.release("a");
        slots.acquire("a");
        slots.acquire("b");
        assertEquals(2, slots.open());
        slots.release("a");
        slots.release("b");
        assertEquals(0, slots.open());
    }
}
