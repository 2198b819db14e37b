package org.prioritytracker.session;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A PostgreSQL session of its own, outside the service's connection pool, for what must hold one
 * longer than any transaction: a {@code LISTEN}, a session-level advisory lock. It names itself in
 * {@code pg_stat_activity}, gives up on an unreachable server within five seconds and keeps TCP alive,
 * so that a dead peer is noticed. The caller owns it and closes it.
 */
public final class DedicatedSession {

    static final String CONNECT_TIMEOUT_SECONDS = "5";

    private DedicatedSession() {}

    /** A session that may wait on the server for as long as it needs (a {@code LISTEN}'s poll). */
    public static Connection open(String url, String user, String password, String applicationName)
            throws SQLException {
        return DriverManager.getConnection(url, properties(user, password, applicationName, null));
    }

    /** A session whose every statement gives up after {@code socketTimeout}: a call never hangs on a lost server. */
    public static Connection open(
            String url, String user, String password, String applicationName, Duration socketTimeout)
            throws SQLException {
        return DriverManager.getConnection(url, properties(user, password, applicationName, socketTimeout));
    }

    static Properties properties(String user, String password, String applicationName, Duration socketTimeout) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        if (socketTimeout != null) {
            properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        }
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }
}
