package org.prioritytracker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void aDedicatedSessionNamesItselfAndGivesUpOnAnUnreachableServer() {
        Properties listening = DedicatedSession.properties("tasks", "secret", "response cache peers", null);
        assertEquals("tasks", listening.getProperty("user"));
        assertEquals("secret", listening.getProperty("password"));
        assertEquals("response cache peers", listening.getProperty("ApplicationName"));
        assertEquals("5", listening.getProperty("connectTimeout"));
        assertEquals("true", listening.getProperty("tcpKeepAlive"));
        assertNull(listening.getProperty("socketTimeout"));
        assertEquals(
                "10",
                DedicatedSession.properties("n", "p", "lock", Duration.ofSeconds(10))
                        .getProperty("socketTimeout"));
    }

    @Test
    void aPauseWaitsAndAnInterruptEndsTheLoop() {
        assertTrue(Pause.between(Duration.ofMillis(1)));
        assertTrue(Pause.between(Duration.ofMillis(-5)), "a wait already over");
        Thread.currentThread().interrupt();
        assertFalse(Pause.between(Duration.ofSeconds(10)));
        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    }
}
