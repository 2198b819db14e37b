package org.prioritytracker.notification.stream;

import io.cloudevents.CloudEvent;
import org.prioritytracker.notification.security.EventScope;

/** The optional {@code subject} and {@code type} filters of a browser stream, within what its reader may see. */
record StreamFilter(String subject, String type, EventScope scope) {

    StreamFilter(String subject, String type) {
        this(subject, type, EventScope.EVERY_PROVINCE);
    }

    boolean accepts(CloudEvent event) {
        Object province = event.getExtension("province");
        return accepts(event.getSource().toString(), event.getSubject(), event.getType(),
                province == null ? null : province.toString());
    }

    boolean accepts(String eventSource, String eventSubject, String eventType, String eventProvince) {
        return scope.admits(eventSource, eventProvince)
                && (subject == null || subject.isBlank() || subject.equals(eventSubject))
                && (type == null || type.isBlank() || type.equals(eventType));
    }
}
