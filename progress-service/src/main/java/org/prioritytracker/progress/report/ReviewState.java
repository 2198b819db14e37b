package org.prioritytracker.progress.report;

/**
 * Where a report stands in its approval: SUBMITTED by the bureau's officer, APPROVED by the bureau's
 * approver, then ACCEPTED (locked) or RETURNED by the ministry. The approver may also return it. A
 * RETURNED report is amended by the officer and is SUBMITTED again.
 */
public enum ReviewState {
    SUBMITTED,
    APPROVED,
    ACCEPTED,
    RETURNED
}
