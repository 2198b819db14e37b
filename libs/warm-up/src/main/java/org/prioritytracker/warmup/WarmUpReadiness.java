package org.prioritytracker.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the instance is warm ({@link WarmUp}): a load balancer or a rolling update then sends it
 * requests only when it can serve them at its normal latency. It never turns DOWN again afterwards.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    private final WarmUp warmUp;

    public WarmUpReadiness(WarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Warm-up");
        warmUp.standing().forEach(response::withData);
        return response.status(warmUp.warm()).build();
    }
}
