package org.prioritytracker.tokencache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    /** Verifies "good-<exp>" tokens (exp in epoch seconds) and refuses every other, counting its calls. */
    private static final class CountingParser {
        final AtomicInteger calls = new AtomicInteger();
        Instant now = NOW;

        JsonWebToken verify(String token) throws ParseException {
            calls.incrementAndGet();
            if (!token.startsWith("good-") || Long.parseLong(token.substring(5)) <= now.getEpochSecond()) {
                throw new ParseException("refused: " + token);
            }
            return token(Long.parseLong(token.substring(5)));
        }
    }

    private final CountingParser parser = new CountingParser();

    private VerifiedTokens cache(Clock clock, Duration maxAge) {
        return new VerifiedTokens(
                new TokenCacheConfig() {
                    @Override
                    public long maxTokens() {
                        return 100;
                    }

                    @Override
                    public Duration maxAge() {
                        return maxAge;
                    }
                },
                clock) {
            @Override
            JsonWebToken verify(String token) throws ParseException {
                return parser.verify(token);
            }
        };
    }

    @Test
    void aTokenIsVerifiedOnceAndReusedUntilItExpires() throws Exception {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = cache(clock, Duration.ofHours(1));
        String token = "good-" + NOW.plusSeconds(60).getEpochSecond();
        JsonWebToken first = tokens.parse(token);
        assertSame(first, tokens.parse(token));
        assertEquals(1, parser.calls.get());

        clock.now = NOW.plusSeconds(61);
        parser.now = clock.now;
        assertThrows(ParseException.class, () -> tokens.parse(token));
        assertEquals(2, parser.calls.get());
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokens tokens = cache(new MovableClock(), Duration.ofHours(1));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, parser.calls.get());
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheLongestAge() throws Exception {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = cache(clock, Duration.ZERO);
        String token = "good-" + NOW.plusSeconds(3600).getEpochSecond();
        tokens.parse(token);
        tokens.parse(token);
        assertEquals(2, parser.calls.get());
    }

    private static final class MovableClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static JsonWebToken token(long expiresAt) {
        Map<String, Object> claims = Map.of("exp", expiresAt, "sub", "reporter-130000");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "reporter-130000";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
