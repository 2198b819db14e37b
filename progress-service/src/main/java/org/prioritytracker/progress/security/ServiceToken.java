package org.prioritytracker.progress.security;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's bearer token for its look-ups in task-service (audience {@code task-service}, role
 * {@code service}), renewed well before it expires. It comes from the identity provider by client
 * credentials (client {@code progress-service}); where {@code tracker.service-token.key-location}
 * names a private key (the tests, a stack on the development key), the service signs its own instead,
 * with key id and issuer {@code progress-service}.
 */
@ApplicationScoped
public class ServiceToken {

    static final String AUDIENCE = "task-service";
    static final String ROLE = "service";
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final Optional<PrivateKey> ownKey;
    private final Instance<OidcClient> provider;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    public ServiceToken(
            @ConfigProperty(name = "tracker.service-token.issuer", defaultValue = "progress-service") String issuer,
            @ConfigProperty(name = "tracker.service-token.key-location") Optional<String> keyLocation,
            Instance<OidcClient> provider,
            Clock clock) {
        this.issuer = issuer;
        this.ownKey = keyLocation.filter(location -> !location.isBlank()).map(ServiceToken::readKey);
        this.provider = provider;
        this.clock = clock;
    }

    public synchronized String current() {
        Instant now = clock.instant();
        if (token == null || now.isAfter(expiresAt.minus(RENEW_BEFORE))) {
            if (ownKey.isPresent()) {
                sign(now, ownKey.get());
            } else {
                fetch(now);
            }
        }
        return token;
    }

    private void sign(Instant now, PrivateKey key) {
        expiresAt = now.plus(LIFETIME);
        token = Jwt.issuer(issuer)
                .subject(issuer)
                .audience(AUDIENCE)
                .groups(ROLE)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .jws()
                .keyId(issuer)
                .sign(key);
    }

    /** Client credentials; a failure reaches the caller, which answers 503 as for task-service being down. */
    private void fetch(Instant now) {
        Tokens tokens = provider.get().getTokens().await().atMost(PROVIDER_TIMEOUT);
        Long expires = tokens.getAccessTokenExpiresAt();
        token = tokens.getAccessToken();
        // Without expires_in, the provider's tokens are taken to live as long as our own.
        expiresAt = expires == null ? now.plus(LIFETIME) : Instant.ofEpochSecond(expires);
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
