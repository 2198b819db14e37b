package org.prioritytracker.tokencache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser of every service: SmallRye's own, except that a token's signature and claims are
 * verified on its first request, and its later requests reuse the result until the token expires
 * (or {@code tracker.token-cache.max-age} passes). Dashboards and bureaus send the same token for
 * hours; an RSA verification and a JSON parse per request is work that does not depend on the
 * request. Only verified tokens are kept, keyed by the whole token text. The other ways of parsing
 * (another context, an explicit key) are not the request path and are not cached.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(TokenCacheConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock the wall clock that token expiry is judged by, as the parser judges it */
    VerifiedTokens(TokenCacheConfig config, Clock clock) {
        this.clock = clock;
        Duration maxAge = config.maxAge();
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.maxTokens())
                .expireAfter(Expiry.<String, JsonWebToken>creating((token, jwt) ->
                        Duration.ofNanos(Math.max(0, Math.min(maxAge.toNanos(), nanosUntilExpiry(jwt))))))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && nanosUntilExpiry(known) > 0) {
            return known;
        }
        JsonWebToken jwt = verify(token);
        verified.put(token, jwt);
        return jwt;
    }

    /** SmallRye's full verification of the token: signature, issuer, audience, expiry. */
    JsonWebToken verify(String token) throws ParseException {
        return super.parse(token);
    }

    private long nanosUntilExpiry(JsonWebToken jwt) {
        long expiresAt = jwt.getExpirationTime();
        return expiresAt <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(expiresAt * 1000 - clock.millis());
    }
}
