package org.prioritytracker.progress.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String MINISTRY_ADMIN = "ministry-admin";
    public static final String MINISTRY_REVIEWER = "ministry-reviewer";
    public static final String PROVINCIAL_REPORTER = "provincial-reporter";
    /** The bureau's lead: approves its officers' reports (or returns them) before the ministry reviews them. */
    public static final String PROVINCIAL_APPROVER = "provincial-approver";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
