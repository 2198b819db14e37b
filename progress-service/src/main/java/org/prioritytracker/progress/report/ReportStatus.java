package org.prioritytracker.progress.report;

/** How a province judges its own progress on a sub-item. */
public enum ReportStatus {
    ON_TRACK,
    AT_RISK,
    BLOCKED,
    COMPLETED
}
