package org.prioritytracker.identity;

/** The roles a token carries in its {@code groups} claim: the one list every service allows by. */
public final class Roles {

    public static final String MINISTRY_ADMIN = "ministry-admin";
    public static final String MINISTRY_REVIEWER = "ministry-reviewer";
    /** A bureau's officer: reports for its own province, read from the token's {@code province} claim. */
    public static final String PROVINCIAL_REPORTER = "provincial-reporter";
    /**
     * The bureau's lead: approves its officers' reports (or returns them) in progress-service before the
     * ministry reviews them; elsewhere it reads and sees what its province's reporters do.
     */
    public static final String PROVINCIAL_APPROVER = "provincial-approver";

    public static final String VIEWER = "viewer";
    /** Another service of the tracker, calling task-service with a token it signed with its own key. */
    public static final String SERVICE = "service";

    private Roles() {}
}
