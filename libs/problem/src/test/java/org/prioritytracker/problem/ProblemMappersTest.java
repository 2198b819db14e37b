package org.prioritytracker.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void aClientThatLeftMidBodyIsToldApartFromAFailureOfOurs() {
        // As RESTEasy Reactive reports a body cut short: the closed connection, wrapped twice.
        assertTrue(ProblemMappers.clientLeft(new IOException(new IOException(new HttpClosedException("Connection was closed")))));
        assertFalse(ProblemMappers.clientLeft(new IOException("disk full")));
        assertFalse(ProblemMappers.clientLeft(new IllegalStateException(new NullPointerException())));
    }
}
