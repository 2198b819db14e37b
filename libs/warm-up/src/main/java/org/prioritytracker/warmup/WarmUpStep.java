package org.prioritytracker.warmup;

/**
 * Something an instance does before it says it is ready, so that its first requests are served at
 * its normal latency. A bean implementing it is found and run at start-up by {@link WarmUp}.
 */
public interface WarmUpStep {

    /** The step's name in the readiness check's data. */
    String name();

    /** Does the step's work once: returns when it is done, throws when it should be tried again. */
    void run() throws Exception;

    /**
     * Whether the step is tried again in the background after readiness stopped waiting for it. A step
     * whose work serves requests later (a cache) says yes; one that only measures the moment says no.
     */
    default boolean keepsTryingAfterTheDeadline() {
        return false;
    }
}
