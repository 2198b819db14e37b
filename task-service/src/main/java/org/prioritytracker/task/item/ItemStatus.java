package org.prioritytracker.task.item;

/** Where a sub-item stands in the ministry's workflow. */
public enum ItemStatus {
    NOT_STARTED,
    IN_PROGRESS,
    AT_RISK,
    COMPLETED,
    SUSPENDED
}
