package org.prioritytracker.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/**
 * Real signed tokens (the development key pair, {@code smallrye.jwt.sign.key.location} in the test
 * profile), verified by the service under test exactly as in production.
 */
public final class TestTokens {

    public static final String ISSUER = "priority-tracker-dev";

    private TestTokens() {
    }

    public static String forRole(String role) {
        return Jwt.issuer(ISSUER).subject("test-" + role).groups(Set.of(role)).sign();
    }

    public static String forReporter(String provinceCode) {
        return Jwt.issuer(ISSUER).subject("test-reporter-" + provinceCode)
                .groups(Set.of("provincial-reporter")).claim("province", provinceCode).sign();
    }

    /** A reporter's token that expires at {@code expiresAt}. */
    public static String forReporter(String provinceCode, Instant expiresAt) {
        return Jwt.issuer(ISSUER).subject("test-reporter-" + provinceCode).expiresAt(expiresAt)
                .groups(Set.of("provincial-reporter")).claim("province", provinceCode).sign();
    }

    /** A reporter's token that lacks the province claim: a misconfigured identity provider. */
    public static String forReporterWithoutProvince() {
        return Jwt.issuer(ISSUER).subject("test-reporter-nowhere").groups(Set.of("provincial-reporter")).sign();
    }

    /** Properly signed, but carrying none of the tracker's roles. */
    public static String withoutRole() {
        return Jwt.issuer(ISSUER).subject("test-nobody").groups(Set.of("guest")).sign();
    }
}
