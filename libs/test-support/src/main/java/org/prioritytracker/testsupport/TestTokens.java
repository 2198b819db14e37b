package org.prioritytracker.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/**
 * Real signed tokens (the development key pair, {@code smallrye.jwt.sign.key.location} in the test
 * profile), verified by the service under test exactly as in production.
 */
public final class TestTokens {

    public static final String ISSUER = "priority-tracker-dev";
    /** The development key's id, as deploy/local/token sets it. */
    public static final String KEY_ID = "priority-tracker-dev";
    /** People's tokens are for all three services, as the identity provider's audience mappers make them. */
    public static final Set<String> AUDIENCE = Set.of("task-service", "progress-service", "notification-service");

    private TestTokens() {}

    public static String forRole(String role) {
        return signed(Jwt.issuer(ISSUER).subject("test-" + role).groups(Set.of(role)));
    }

    public static String forReporter(String provinceCode) {
        return signed(Jwt.issuer(ISSUER)
                .subject("test-reporter-" + provinceCode)
                .groups(Set.of("provincial-reporter"))
                .claim("province", provinceCode));
    }

    /** Another officer of the bureau: a reporter's token whose subject is {@code subject}. */
    public static String forReporter(String provinceCode, String subject) {
        return signed(Jwt.issuer(ISSUER)
                .subject(subject)
                .groups(Set.of("provincial-reporter"))
                .claim("province", provinceCode));
    }

    /** A bureau's approver (its lead): role provincial-approver and the bureau's code in the province claim. */
    public static String forApprover(String provinceCode) {
        return signed(Jwt.issuer(ISSUER)
                .subject("test-approver-" + provinceCode)
                .groups(Set.of("provincial-approver"))
                .claim("province", provinceCode));
    }

    /** A reporter's token that expires at {@code expiresAt}. */
    public static String forReporter(String provinceCode, Instant expiresAt) {
        return signed(Jwt.issuer(ISSUER)
                .subject("test-reporter-" + provinceCode)
                .expiresAt(expiresAt)
                .groups(Set.of("provincial-reporter"))
                .claim("province", provinceCode));
    }

    /** A reporter's token that lacks the province claim: a misconfigured identity provider. */
    public static String forReporterWithoutProvince() {
        return signed(Jwt.issuer(ISSUER).subject("test-reporter-nowhere").groups(Set.of("provincial-reporter")));
    }

    /** Properly signed, but carrying none of the tracker's roles. */
    public static String withoutRole() {
        return signed(Jwt.issuer(ISSUER).subject("test-nobody").groups(Set.of("guest")));
    }

    /**
     * A token as a service signs its own, with progress-service's development key: issuer, key id,
     * audience and roles as given, so that tests can also make the wrong ones.
     */
    public static String forService(String issuer, String keyId, String audience, String... groups) {
        try {
            PrivateKey key = KeyUtils.decodePrivateKey(
                    Files.readString(Scripts.ROOT.resolve("deploy/local/jwt/progress-service-private-key.pem")));
            return Jwt.issuer(issuer)
                    .subject(issuer)
                    .audience(audience)
                    .groups(Set.of(groups))
                    .jws()
                    .keyId(keyId)
                    .sign(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As the identity provider issues a token by client credentials: its issuer and key, issued to the
     * client {@code azp}, for one audience, with the roles given.
     */
    public static String fromTheProviderForClient(String client, String audience, String... groups) {
        return Jwt.issuer(ISSUER)
                .subject("service-account-" + client)
                .claim("azp", client)
                .audience(audience)
                .groups(Set.of(groups))
                .jws()
                .keyId(KEY_ID)
                .sign();
    }

    /** A person's token signed with the development key, but for no audience. */
    public static String withoutAudience(String role) {
        return Jwt.issuer(ISSUER)
                .subject("test-" + role)
                .groups(Set.of(role))
                .jws()
                .keyId(KEY_ID)
                .sign();
    }

    /** Signed with the development (people's) key, but claiming to be a service. */
    public static String serviceClaimFromThePeoplesKey(String issuer) {
        return Jwt.issuer(issuer)
                .subject(issuer)
                .audience("task-service")
                .groups(Set.of("service"))
                .jws()
                .keyId(KEY_ID)
                .sign();
    }

    /** For this project's services, signed with the development key (its id in the header, as the key set needs). */
    private static String signed(JwtClaimsBuilder claims) {
        return claims.audience(AUDIENCE).jws().keyId(KEY_ID).sign();
    }
}
