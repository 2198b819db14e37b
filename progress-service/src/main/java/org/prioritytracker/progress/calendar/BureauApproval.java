package org.prioritytracker.progress.calendar;

/** Whether a plan year's reports need the bureau's approval before the ministry reviews them. */
public enum BureauApproval {
    /** Two levels: SUBMITTED -> APPROVED by the bureau's approver -> ACCEPTED or RETURNED by the ministry. */
    REQUIRED,
    /** One level: the ministry reviews SUBMITTED reports directly (an APPROVED one too). */
    NOT_REQUIRED
}
