package org.prioritytracker.notification.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.security.EventScope;

@Tag("domain")
class StreamFilterTest {

    private static final String TASKS = "/task-service";
    private static final String REPORTS = EventScope.REPORT_SOURCE;

    @Test
    void anEmptyFilterTakesEverything() {
        assertTrue(new StreamFilter(null, null).accepts(TASKS, "P3.2", "tracker.item.status-changed", null));
        assertTrue(new StreamFilter(" ", "").accepts(REPORTS, "P3.2", "tracker.report.submitted", "130000"));
    }

    @Test
    void subjectAndTypeMustBothMatchWhenGiven() {
        StreamFilter filter = new StreamFilter("P3.2", "tracker.item.status-changed");
        assertTrue(filter.accepts(TASKS, "P3.2", "tracker.item.status-changed", null));
        assertFalse(filter.accepts(TASKS, "P3.3", "tracker.item.status-changed", null));
        assertFalse(filter.accepts(TASKS, "P3.2", "tracker.item.overdue", null));
        assertTrue(new StreamFilter("P3.2", null).accepts(TASKS, "P3.2", "tracker.item.overdue", null));
        assertFalse(new StreamFilter(null, "tracker.item.overdue")
                .accepts(TASKS, "P3.2", "tracker.item.status-changed", null));
    }

    @Test
    void aReporterSeesItemEventsAndItsOwnProvincesReportEventsOnly() {
        StreamFilter reporter = new StreamFilter(null, null, EventScope.province("130000"));
        assertTrue(reporter.accepts(TASKS, "P3.2", "tracker.item.status-changed", null));
        assertTrue(reporter.accepts(REPORTS, "P3.2", "tracker.report.submitted", "130000"));
        assertFalse(reporter.accepts(REPORTS, "P3.2", "tracker.report.submitted", "320000"));
        assertFalse(reporter.accepts(TASKS, "P3.2", "tracker.report.due", "320000"), "any province-scoped event");
        assertFalse(
                reporter.accepts(REPORTS, "P3.2", "tracker.report.reviewed", null), "report data without a province");
    }
}
