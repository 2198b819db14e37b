package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("domain")
class StreamFilterTest {

    @Test
    void anEmptyFilterTakesEverything() {
        assertTrue(new StreamFilter(null, null).accepts("P3.2", "tracker.item.status-changed"));
        assertTrue(new StreamFilter(" ", "").accepts("P3.2", "tracker.item.status-changed"));
    }

    @Test
    void subjectAndTypeMustBothMatchWhenGiven() {
        StreamFilter filter = new StreamFilter("P3.2", "tracker.item.status-changed");
        assertTrue(filter.accepts("P3.2", "tracker.item.status-changed"));
        assertFalse(filter.accepts("P3.3", "tracker.item.status-changed"));
        assertFalse(filter.accepts("P3.2", "tracker.item.overdue"));
        assertTrue(new StreamFilter("P3.2", null).accepts("P3.2", "tracker.item.overdue"));
        assertFalse(new StreamFilter(null, "tracker.item.overdue").accepts("P3.2", "tracker.item.status-changed"));
    }
}
