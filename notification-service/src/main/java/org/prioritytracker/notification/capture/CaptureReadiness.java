package org.prioritytracker.notification.capture;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.prioritytracker.notification.deadletter.DeadLetterStore;

/**
 * Readiness of the event pipeline: DOWN until this instance knows whether it runs the capture, and
 * while it runs it, until every source's capture streams; UP in an instance that stands by. Dead letters and
 * a slot that retains much log do not make the service unready (events still flow); they are named
 * under {@code warnings} for an operator to act on.
 */
@Readiness
@ApplicationScoped
public class CaptureReadiness implements HealthCheck {

    /** Which queue class the connector runs, once: system tests check that it is the patched one. */
    private static final String QUEUE = CaptureQueue.loaded();

    private final CaptureConfig config;
    private final CaptureStatus status;
    private final DeadLetterStore deadLetters;

    public CaptureReadiness(CaptureConfig config, CaptureStatus status, DeadLetterStore deadLetters) {
        this.config = config;
        this.status = status;
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox capture");
        if (!config.enabled()) {
            return response.up()
                    .withData("capture", "disabled in this instance")
                    .build();
        }
        response.withData("capture", status.role().name());
        response.withData("queue", QUEUE);
        if (status.role() == CaptureStatus.Role.STANDBY) {
            // Another instance runs it; this one serves streams and queries, and takes over should it die.
            return response.up().build();
        }
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, CaptureStatus.Standing> source : status.sources().entrySet()) {
            CaptureStatus.Standing standing = source.getValue();
            response.withData(source.getKey(), standing.state().name());
            if (standing.slotLagBytes() != null) {
                response.withData(source.getKey() + ".slotLagBytes", standing.slotLagBytes());
                if (standing.slotLagBytes() > config.slotLagWarningBytes()) {
                    warnings.add("the slot of " + source.getKey() + " retains " + standing.slotLagBytes()
                            + " bytes of WAL; see docs/operations.md on operating the slot");
                }
            }
            if (standing.lastError() != null) {
                response.withData(source.getKey() + ".lastError", standing.lastError());
            }
        }
        long waiting = deadLetters.waiting();
        response.withData("deadLetters", waiting);
        if (waiting > 0) {
            warnings.add(waiting + " events in the dead letters; see GET /api/dead-letters");
        }
        if (!warnings.isEmpty()) {
            response.withData("warnings", String.join("; ", warnings));
        }
        return response.status(status.allStreaming()).build();
    }
}
