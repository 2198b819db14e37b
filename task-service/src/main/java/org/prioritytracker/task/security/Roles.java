package org.prioritytracker.task.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String MINISTRY_ADMIN = "ministry-admin";
    public static final String MINISTRY_REVIEWER = "ministry-reviewer";
    public static final String PROVINCIAL_REPORTER = "provincial-reporter";
    /** The bureau's lead, who approves its officers' reports in progress-service: reads here as a reporter does. */
    public static final String PROVINCIAL_APPROVER = "provincial-approver";
    public static final String VIEWER = "viewer";
    /** Another service of the tracker, calling with a token it signed with its own key. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
