package org.prioritytracker.progress.report;

/** What the bureau's approver decided on a submitted version. */
public enum BureauDecision {
    APPROVED,
    RETURNED
}
