package org.prioritytracker.outbox;

/** An event whose data is larger than {@code tracker.outbox.max-data-bytes}: a bug in the code that built it. */
public class OversizedEventException extends IllegalStateException {

    public OversizedEventException(String type, String subject, int bytes, int limit) {
        super("Event " + type + " for " + subject + " has " + bytes + " bytes of data; the outbox takes at most "
                + limit + ". Cap the long fields and link to the resource instead.");
    }
}
