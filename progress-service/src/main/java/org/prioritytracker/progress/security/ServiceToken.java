package org.prioritytracker.progress.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's own bearer token for its look-ups in task-service: a short-lived JWT that only this
 * service can make, signed with its own key (key id and issuer {@code progress-service}), for one
 * audience ({@code task-service}) and one role ({@code service}). Renewed well before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    static final String AUDIENCE = "task-service";
    static final String ROLE = "service";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final String issuer;
    private final PrivateKey key;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ServiceToken(@ConfigProperty(name = "tracker.service-token.issuer", defaultValue = "progress-service") String issuer,
            @ConfigProperty(name = "tracker.service-token.key-location") String keyLocation, Clock clock) {
        this.issuer = issuer;
        this.key = readKey(keyLocation);
        this.clock = clock;
    }

    public synchronized String current() {
        Instant now = clock.instant();
        if (now.isAfter(expiresAt.minus(RENEW_BEFORE))) {
            expiresAt = now.plus(LIFETIME);
            token = Jwt.issuer(issuer)
                    .subject(issuer)
                    .audience(AUDIENCE)
                    .groups(ROLE)
                    .issuedAt(now)
                    .expiresAt(expiresAt)
                    .jws().keyId(issuer)
                    .sign(key);
        }
        return token;
    }

    /** A PEM file, by path (a {@code file:} prefix is allowed). */
    static PrivateKey readKey(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service token key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The service token key " + location + " is not an RSA private key", e);
        }
    }
}
