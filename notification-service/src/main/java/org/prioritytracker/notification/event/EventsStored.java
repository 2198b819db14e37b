package org.prioritytracker.notification.event;

/** Fired when a transaction stored new events; observed after commit to wake the Kafka publisher. */
public record EventsStored(int count) {
}
