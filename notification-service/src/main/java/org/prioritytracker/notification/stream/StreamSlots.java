package org.prioritytracker.notification.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * Counts open streams, in all and per caller, so that one viewer cannot take every slot: past the
 * caller's share the answer is 429, past the instance's 503, both with Retry-After.
 */
final class StreamSlots {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final int max;
    private final int maxPerCaller;
    private final Map<String, Integer> perCaller = new HashMap<>();
    private int open;

    StreamSlots(int max, int maxPerCaller) {
        this.max = max;
        this.maxPerCaller = maxPerCaller;
    }

    synchronized void acquire(String caller) {
        int mine = perCaller.getOrDefault(caller, 0);
        if (mine >= maxPerCaller) {
            throw new ProblemException(
                    Problem.of(
                            429,
                            "Too Many Requests",
                            "You already have " + mine
                                    + " event streams open, the most one caller may hold; close one first.",
                            List.of()),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        if (open >= max) {
            throw new ProblemException(
                    Problem.of(
                            503,
                            "Service Unavailable",
                            "Too many open event streams on this instance; retry shortly.",
                            List.of()),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        perCaller.put(caller, mine + 1);
        open++;
    }

    synchronized void release(String caller) {
        perCaller.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
        open--;
    }

    synchronized int open() {
        return open;
    }
}
