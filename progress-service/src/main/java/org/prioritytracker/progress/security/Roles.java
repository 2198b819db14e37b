package org.prioritytracker.progress.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String MINISTRY_ADMIN = "ministry-admin";
    public static final String MINISTRY_REVIEWER = "ministry-reviewer";
    public static final String PROVINCIAL_REPORTER = "provincial-reporter";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
