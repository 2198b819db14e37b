package org.prioritytracker.notification.support;

import java.time.Instant;
import java.util.UUID;

/** Structured CloudEvents as the outbox relays send them. */
public final class Events {

    /** The media types with their charset spelled out, so that the test client encodes UTF-8. */
    public static final String BATCH = "application/cloudevents-batch+json; charset=UTF-8";
    public static final String SINGLE = "application/cloudevents+json; charset=UTF-8";

    private Events() {
    }

    public static String statusChanged(String subject, long sequence) {
        return statusChanged(UUID.randomUUID().toString(), subject, sequence);
    }

    public static String statusChanged(String id, String subject, long sequence) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/task-service", "type": "tracker.item.status-changed",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json", "sequence": %d,
                 "data": {"itemCode": "%s", "priorityCode": "%s", "from": "NOT_STARTED", "to": "IN_PROGRESS",
                          "reason": "汛期水质波动", "actor": "test", "version": %d, "titleZh": "持续深入推进碧水保卫战",
                          "titleEn": "Keep pressing on with the battle for clear waters", "overdue": false}}"""
                .formatted(id, subject, Instant.now(), sequence, subject, subject.substring(0, subject.indexOf('.')), sequence);
    }

    public static String batch(String... events) {
        return "[" + String.join(",", events) + "]";
    }
}
