package org.prioritytracker.notification.stream;

/** The optional {@code subject} and {@code type} filters of a browser stream. */
record StreamFilter(String subject, String type) {

    boolean accepts(String eventSubject, String eventType) {
        return (subject == null || subject.isBlank() || subject.equals(eventSubject))
                && (type == null || type.isBlank() || type.equals(eventType));
    }
}
