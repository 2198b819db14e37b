package org.prioritytracker.notification.support;

/** Outbox rows as task-service and progress-service write them. */
public final class Rows {

    private Rows() {}

    public static CaptureSources.Row statusChanged(String subject, long sequence) {
        String data = """
                {"itemCode": "%s", "priorityCode": "%s", "from": "NOT_STARTED", "to": "IN_PROGRESS",
                 "reason": "汛期水质波动", "actor": "test", "version": %d, "titleZh": "持续深入推进碧水保卫战",
                 "titleEn": "Keep pressing on with the battle for clear waters", "overdue": false}""".formatted(subject, subject.substring(0, subject.indexOf('.')), sequence);
        return CaptureSources.Row.of("/task-service", "tracker.item.status-changed", subject, sequence, data);
    }

    public static CaptureSources.Row reportSubmitted(String subject, long sequence, String province) {
        return report(subject, sequence, province);
    }

    /** As progress-service writes them: without a number, for the capture to number in commit order. */
    public static CaptureSources.Row reportSubmittedUnnumbered(String subject, String province) {
        return report(subject, null, province);
    }

    private static CaptureSources.Row report(String subject, Long sequence, String province) {
        String data = """
                {"reportId": "0d7a3c5e-2a41-4d1b-8a8f-3f9d2b6c1e01", "itemCode": "%s", "provinceCode": "%s",
                 "period": "2025-Q2", "percentComplete": 45.5, "status": "ON_TRACK", "reviewState": "SUBMITTED",
                 "version": 1, "submittedBy": "reporter-%s", "submittedAt": "2025-06-01T08:00:00Z"}""".formatted(subject, province, province);
        return CaptureSources.Row.of("/progress-service", "tracker.report.submitted", subject, sequence, data)
                .withExtensions("{\"province\": \"" + province + "\"}");
    }
}
