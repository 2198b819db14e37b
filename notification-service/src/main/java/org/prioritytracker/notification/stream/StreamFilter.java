package org.prioritytracker.notification.stream;

import org.prioritytracker.notification.security.EventScope;

/** The optional {@code subject} and {@code type} filters of a browser stream, within what its reader may see. */
record StreamFilter(String subject, String type, EventScope scope) {

    /** Blank filters are no filters: one filter, one group in the hub. */
    StreamFilter {
        subject = subject == null || subject.isBlank() ? null : subject;
        type = type == null || type.isBlank() ? null : type;
    }

    StreamFilter(String subject, String type) {
        this(subject, type, EventScope.EVERY_PROVINCE);
    }

    boolean accepts(String eventSource, String eventSubject, String eventType, String eventProvince) {
        return scope.admits(eventSource, eventProvince)
                && (subject == null || subject.equals(eventSubject))
                && (type == null || type.equals(eventType));
    }
}
