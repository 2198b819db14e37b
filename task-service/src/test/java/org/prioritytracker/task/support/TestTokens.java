package org.prioritytracker.task.support;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Real signed tokens (the development key pair), verified by the service exactly as in production. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String forRole(String role) {
        return Jwt.issuer("priority-tracker-dev").subject("test-" + role).groups(Set.of(role)).sign();
    }

    public static String forReporter(String provinceCode) {
        return Jwt.issuer("priority-tracker-dev").subject("test-reporter-" + provinceCode)
                .groups(Set.of("provincial-reporter")).claim("province", provinceCode).sign();
    }

    /** Properly signed, but carrying none of the tracker's roles. */
    public static String withoutRole() {
        return Jwt.issuer("priority-tracker-dev").subject("test-nobody").groups(Set.of("guest")).sign();
    }
}
