package org.prioritytracker.system.support;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stack for one run of the system tests: brought up by its start steps, in order, and taken down by
 * its stop steps, each in turn whatever the one before it did. A start that fails half-way stops what
 * it had started before the failure is reported. JUnit closes it after the last test class.
 */
final class StackRun implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final List<Runnable> stops;

    StackRun(List<Runnable> starts, List<Runnable> stops) {
        this.stops = stops;
        try {
            starts.forEach(Runnable::run);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        stop(0);
    }

    private void stop(int from) {
        if (from == stops.size()) {
            return;
        }
        try {
            stops.get(from).run();
        } finally {
            stop(from + 1);
        }
    }
}
