package org.prioritytracker.progress.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.prioritytracker.progress.outbox.OutboxConfig;

/**
 * This service's own bearer token for service-to-service calls (task-service lookups, the outbox
 * relay's deliveries): a short-lived {@code event-publisher} JWT signed with the service's key
 * ({@code smallrye.jwt.sign.key.location}), renewed well before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(3);

    private final String issuer;
    private final OutboxConfig config;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ServiceToken(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, OutboxConfig config) {
        this.issuer = issuer;
        this.config = config;
    }

    public synchronized String current() {
        Instant now = Instant.now();
        if (now.isAfter(expiresAt.minus(RENEW_BEFORE))) {
            expiresAt = now.plus(LIFETIME);
            token = Jwt.issuer(issuer)
                    .subject(config.relay().tokenSubject())
                    .groups("event-publisher")
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .sign();
        }
        return token;
    }
}
