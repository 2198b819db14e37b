package org.prioritytracker.warmup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.prioritytracker.session.Pause;

/**
 * Runs every {@link WarmUpStep} at start-up, each on its own task and again after a failure, and
 * says when the instance may be ready: once every step is done, or once the deadline has passed.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final List<WarmUpStep> steps;
    private final WarmUpConfig config;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, StepState> states = new LinkedHashMap<>();
    private volatile Instant startedAt;
    private volatile boolean running = true;

    @Inject
    public WarmUp(@Any Instance<WarmUpStep> steps, WarmUpConfig config, Clock clock, ManagedExecutor executor) {
        this(steps.stream().toList(), config, clock, executor);
    }

    WarmUp(List<WarmUpStep> steps, WarmUpConfig config, Clock clock, Executor executor) {
        this.steps = steps;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        steps.forEach(step -> states.put(step.name(), new StepState()));
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /** Starts every step; without warm-up (configuration) the instance is ready at once. */
    void start() {
        startedAt = clock.instant();
        if (!config.enabled()) {
            return;
        }
        for (WarmUpStep step : steps) {
            executor.execute(() -> runUntilDone(step, states.get(step.name())));
        }
    }

    /** Whether readiness may turn UP: every step done, or the deadline passed, or no warm-up at all. */
    public boolean warm() {
        if (!config.enabled()) {
            return true;
        }
        return startedAt != null && (states.values().stream().allMatch(StepState::done) || pastTheDeadline());
    }

    /** Each step's standing, for the readiness check's data. */
    public Map<String, String> standing() {
        Map<String, String> standing = new LinkedHashMap<>();
        if (!config.enabled()) {
            standing.put("warm-up", "off (tracker.warm-up.enabled)");
            return standing;
        }
        states.forEach((name, state) -> standing.put(name, state.describe()));
        return standing;
    }

    private boolean pastTheDeadline() {
        return !clock.instant().isBefore(startedAt.plus(config.deadline()));
    }

    private void runUntilDone(WarmUpStep step, StepState state) {
        Duration pause = config.retry();
        while (running) {
            Instant attempt = clock.instant();
            try {
                step.run();
                state.finished(Duration.between(startedAt, clock.instant()));
                LOG.debugf("Warm-up step %s done %s after the start", step.name(), state.describe());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                state.failed(e);
                LOG.debugf("Warm-up step %s not done yet (%s)", step.name(), e.toString());
            }
            if (pastTheDeadline() && !step.keepsTryingAfterTheDeadline()) {
                state.gaveUp();
                LOG.infof(
                        "Warm-up step %s gave up at the deadline of %s: %s",
                        step.name(), config.deadline(), state.describe());
                return;
            }
            if (!Pause.between(pause.minus(Duration.between(attempt, clock.instant())))) {
                return;
            }
            pause = min(pause.multipliedBy(2), config.retryMax());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One step's progress: written by its task, read by readiness. */
    private static final class StepState {

        private volatile Duration doneAfter;
        private volatile String lastFailure;
        private volatile int failures;
        private volatile boolean gaveUp;

        boolean done() {
            return doneAfter != null || gaveUp;
        }

        void finished(Duration after) {
            doneAfter = after;
        }

        void failed(Exception e) {
            failures++;
            lastFailure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        void gaveUp() {
            gaveUp = true;
        }

        String describe() {
            if (doneAfter != null) {
                return "done " + doneAfter.toMillis() + " ms after the start"
                        + (failures > 0 ? ", after " + failures + " tries" : "");
            }
            if (gaveUp) {
                return "given up at the deadline: " + lastFailure;
            }
            return failures == 0 ? "running" : "retrying after " + failures + " tries: " + lastFailure;
        }
    }
}
