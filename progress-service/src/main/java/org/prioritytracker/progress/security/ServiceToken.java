package org.prioritytracker.progress.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's own bearer token for its calls to task-service: a short-lived JWT signed with the
 * service's key ({@code smallrye.jwt.sign.key.location}), renewed well before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(3);

    private final String issuer;
    private final String subject;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ServiceToken(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "tracker.service-token.subject", defaultValue = "progress-service") String subject) {
        this.issuer = issuer;
        this.subject = subject;
    }

    public synchronized String current() {
        Instant now = Instant.now();
        if (now.isAfter(expiresAt.minus(RENEW_BEFORE))) {
            expiresAt = now.plus(LIFETIME);
            token = Jwt.issuer(issuer)
                    .subject(subject)
                    .groups("event-publisher")
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .sign();
        }
        return token;
    }
}
