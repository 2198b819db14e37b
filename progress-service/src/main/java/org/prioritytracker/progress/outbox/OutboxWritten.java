package org.prioritytracker.progress.outbox;

/** Fired when a transaction writes outbox rows; observed after commit to wake the relay. */
public record OutboxWritten() {
}
