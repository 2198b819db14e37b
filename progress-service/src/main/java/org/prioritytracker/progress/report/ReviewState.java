package org.prioritytracker.progress.report;

/** The ministry's review of a report. An ACCEPTED report is locked; a RETURNED one may be amended. */
public enum ReviewState {
    SUBMITTED,
    ACCEPTED,
    RETURNED
}
