package org.prioritytracker.notification.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String MINISTRY_ADMIN = "ministry-admin";
    public static final String MINISTRY_REVIEWER = "ministry-reviewer";
    public static final String PROVINCIAL_REPORTER = "provincial-reporter";
    /** The bureau's lead, who approves its officers' reports: sees what its province's reporters see. */
    public static final String PROVINCIAL_APPROVER = "provincial-approver";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
