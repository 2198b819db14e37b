package org.prioritytracker.notification.capture;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Where each source's capture stands: for readiness and metrics. */
@ApplicationScoped
public class CaptureStatus {

    /** This instance's part in the capture. */
    public enum Role {
        ELECTING,
        LEADING,
        STANDBY
    }

    /** The state of one source's engine. */
    public enum State {
        STARTING,
        STREAMING,
        STOPPED
    }

    /** One source's standing. */
    public record Standing(
            State state, String lastError, long eventsPublished, Instant lastBatchAt, Long slotLagBytes) {}

    private final Map<String, Standing> sources = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Role role = Role.ELECTING;

    public CaptureStatus(Clock clock) {
        this.clock = clock;
    }

    /** This instance runs the capture from now on. */
    void leading() {
        role = Role.LEADING;
    }

    /** This instance stopped running the capture and runs for it again; no source's standing is kept. */
    void electing() {
        role = Role.ELECTING;
        sources.clear();
    }

    /** Another instance runs the capture; this one keeps no source's standing. */
    void standby() {
        role = Role.STANDBY;
        sources.clear();
    }

    /** Whether this instance runs the capture, waits for another to fail, or has not asked yet. */
    public Role role() {
        return role;
    }

    void starting(String source) {
        sources.compute(
                source,
                (name, s) -> s == null
                        ? new Standing(State.STARTING, null, 0, null, null)
                        : new Standing(
                                State.STARTING, s.lastError(), s.eventsPublished(), s.lastBatchAt(), s.slotLagBytes()));
    }

    void streaming(String source) {
        sources.computeIfPresent(
                source,
                (name, s) ->
                        new Standing(State.STREAMING, null, s.eventsPublished(), s.lastBatchAt(), s.slotLagBytes()));
    }

    void stopped(String source, String error) {
        sources.computeIfPresent(
                source,
                (name, s) ->
                        new Standing(State.STOPPED, error, s.eventsPublished(), s.lastBatchAt(), s.slotLagBytes()));
    }

    void handled(String source, int published) {
        sources.computeIfPresent(
                source,
                (name, s) -> new Standing(
                        s.state(), s.lastError(), s.eventsPublished() + published, clock.instant(), s.slotLagBytes()));
    }

    void slotLag(String source, Long bytes) {
        sources.computeIfPresent(
                source,
                (name, s) -> new Standing(s.state(), s.lastError(), s.eventsPublished(), s.lastBatchAt(), bytes));
    }

    public Map<String, Standing> sources() {
        return new TreeMap<>(sources);
    }

    public boolean allStreaming() {
        return !sources.isEmpty() && sources.values().stream().allMatch(s -> s.state() == State.STREAMING);
    }
}
