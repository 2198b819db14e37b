package org.prioritytracker.session;

import java.time.Duration;

/**
 * The wait between the attempts of a loop that follows something until shutdown (a session, a
 * topic), or retries a step with a growing wait, and starts again after a failure. Such a loop runs for the service's life on a thread of
 * its own, so a bounded retry of one call (MicroProfile Fault Tolerance's {@code @Retry}) does not fit it.
 */
public final class Pause {

    private Pause() {}

    /**
     * Waits {@code wait} (not at all when it is zero or less). Answers false when the thread was
     * interrupted meanwhile, with its interrupt flag set again: the loop should end.
     */
    public static boolean between(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
