package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aClientThatLeftMidBodyIsToldApartFromAFailureOfOurs() {
        // As RESTEasy Reactive reports a body cut short: the closed connection, wrapped twice.
        assertTrue(ProblemMappers.clientLeft(
                new IOException(new IOException(new HttpClosedException("Connection was closed")))));
        assertFalse(ProblemMappers.clientLeft(new IOException("disk full")));
        assertFalse(ProblemMappers.clientLeft(new IllegalStateException(new NullPointerException())));
    }

    @Test
    void aDatabaseThatIsDownOrOutOfConnectionsIsUnreachableNotAFault() {
        // PostgreSQL terminating the connection on restart, as Hibernate wraps it.
        assertTrue(ProblemMappers.databaseUnreachable(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"))));
        assertTrue(ProblemMappers.databaseUnreachable(
                new RuntimeException(new SQLException("Connection refused", "08001"))));
        // Agroal after waiting its acquisition timeout while the server is still down: no SQL state.
        assertTrue(ProblemMappers.databaseUnreachable(new RuntimeException(
                "Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()))));
        // A commit lost with its connection, as Narayana reports it: the XA failure is suppressed, not a cause.
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        Exception commitFailed = new java.io.IOException(
                "Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(commitFailed);
        assertTrue(
                ProblemMappers.databaseUnreachable(new RuntimeException("Error invoking subclass method", rollback)));
        assertFalse(ProblemMappers.databaseUnreachable(
                new RuntimeException(new SQLException("duplicate key value violates unique constraint", "23505"))));
        assertFalse(ProblemMappers.databaseUnreachable(new SQLException("bad SQL grammar")));
    }
}
