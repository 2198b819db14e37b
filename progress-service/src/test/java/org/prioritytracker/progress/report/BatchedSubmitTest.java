package org.prioritytracker.progress.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.TestData;

/** Several submissions in one transaction, against the database: all of them, or none. */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class BatchedSubmitTest {

    @Inject
    BatchedSubmit batchedSubmit;

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void storesEveryReportItsVersionKeyStandingAndEvents() {
        PendingSubmission hebei = submission("130000", "P3.2", "2025-Q1", "ON_TRACK", "key-1");
        PendingSubmission shanxi = submission("140000", "P3.2", "2025-Q1", "AT_RISK", null);
        PendingSubmission hebeiOtherItem = submission("130000", "P1.1", "2025-Q1", "ON_TRACK", "key-2");

        assertTrue(batchedSubmit.store(List.of(hebei, shanxi, hebeiOtherItem)));

        assertEquals(3, data.count("SELECT count(*) FROM report WHERE version = 1 AND review_state = 'SUBMITTED'"));
        assertEquals(3, data.count("SELECT count(*) FROM report_version"));
        assertEquals(3, data.count("SELECT count(*) FROM latest_report"));
        assertEquals(2, data.count("SELECT count(*) FROM idempotency_key WHERE report_id IS NOT NULL"));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM report WHERE id = '" + shanxi.report().id
                        + "' AND status = 'AT_RISK' AND metrics = '[{\"name\": \"x\", \"value\": 1}]'::jsonb"));
        // Each report was submitted and, being its province's first on the item, changed the province's progress.
        assertEquals(
                List.of(
                        "tracker.report.submitted#null",
                        "tracker.province-progress.changed#null",
                        "tracker.report.submitted#null",
                        "tracker.province-progress.changed#null"),
                data.events("P3.2"));
        assertEquals(List.of("130000", "130000", "140000", "140000"), data.eventProvinces("P3.2"));
        assertEquals(
                List.of("tracker.report.submitted#null", "tracker.province-progress.changed#null"),
                data.events("P1.1"));
    }

    @Test
    void aReportForAnEarlierPeriodLeavesTheStandingAndItsStatusAsTheyAre() {
        assertTrue(batchedSubmit.store(List.of(
                submission("130000", "P3.2", "2025-Q2", "ON_TRACK", null),
                submission("140000", "P3.2", "2025-Q1", "ON_TRACK", null))));
        assertTrue(batchedSubmit.store(List.of(
                submission("130000", "P3.2", "2025-Q1", "BLOCKED", null),
                submission("140000", "P3.2", "2025-Q2", "ON_TRACK", null))));

        assertEquals(
                1,
                data.count("SELECT count(*) FROM latest_report WHERE province_code = '130000' AND period = '2025-Q2'"));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM latest_report WHERE province_code = '140000' AND period = '2025-Q2'"));
        // The second batch: 130000's earlier quarter does not become its standing, 140000's later one keeps its status.
        assertEquals(
                List.of(
                        "tracker.report.submitted#null",
                        "tracker.province-progress.changed#null",
                        "tracker.report.submitted#null",
                        "tracker.province-progress.changed#null",
                        "tracker.report.submitted#null",
                        "tracker.report.submitted#null"),
                data.events("P3.2"));
    }

    @Test
    void aBatchWithAReportThatExistsStoresNothing() {
        assertTrue(batchedSubmit.store(List.of(submission("130000", "P3.2", "2025-Q1", "ON_TRACK", null))));

        assertFalse(batchedSubmit.store(List.of(
                submission("140000", "P3.2", "2025-Q1", "ON_TRACK", "key-3"),
                submission("130000", "P3.2", "2025-Q1", "AT_RISK", null))));

        assertNothingBut(1);
    }

    @Test
    void aBatchWithAKeyUsedBeforeStoresNothing() {
        assertTrue(batchedSubmit.store(List.of(submission("130000", "P3.2", "2025-Q1", "ON_TRACK", "used"))));

        assertFalse(batchedSubmit.store(List.of(
                submission("140000", "P3.2", "2025-Q1", "ON_TRACK", null),
                submission("130000", "P1.1", "2025-Q1", "ON_TRACK", "used"))));

        assertNothingBut(1);
    }

    /** Only the first batch's reports, and their rows and events, are stored. */
    private void assertNothingBut(int reports) {
        assertEquals(reports, data.count("SELECT count(*) FROM report"));
        assertEquals(reports, data.count("SELECT count(*) FROM report_version"));
        assertEquals(reports, data.count("SELECT count(*) FROM latest_report"));
        assertEquals(2L * reports, data.count("SELECT count(*) FROM outbox_event"));
    }

    private static PendingSubmission submission(
            String province, String item, String period, String status, String key) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.itemCode = item;
        report.provinceCode = province;
        report.period = period;
        report.periodEnd = Period.parse(period).end();
        report.percentComplete = new BigDecimal("45.50");
        report.status = ReportStatus.valueOf(status);
        report.narrative = "进展";
        report.submittedBy = "test-reporter-" + province;
        report.submittedAt = OffsetDateTime.of(2025, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        report.firstSubmittedAt = report.submittedAt;
        report.version = 1;
        report.reviewState = ReviewState.SUBMITTED;
        return new PendingSubmission(
                report, "[{\"name\": \"x\", \"value\": 1}]", key, key == null ? null : "hash of " + key);
    }
}
