package org.prioritytracker.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.ProblemException;

class CallerTest {

    @Test
    void aReporterIsConfinedToTheProvinceOfItsToken() {
        Caller reporter = caller("officer-130000", Roles.PROVINCIAL_REPORTER, "130000");
        assertEquals("130000", reporter.confinedProvince());
        assertEquals("130000", reporter.reporterProvince());
    }

    @Test
    void anApproverIsConfinedToTheProvinceOfItsToken() {
        Caller approver = caller("lead-130000", Roles.PROVINCIAL_APPROVER, "130000");
        assertEquals("130000", approver.confinedProvince());
        assertEquals("130000", approver.approverProvince());
    }

    @Test
    void theMinistryAndViewersAreConfinedToNoProvinceEvenWithAClaim() {
        for (String role : new String[] {Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.VIEWER, Roles.SERVICE}) {
            assertNull(caller("someone", role, "130000").confinedProvince(), role);
            assertNull(caller("someone", role, null).confinedProvince(), role);
        }
    }

    @Test
    void aBureauTokenWithoutAProvinceIsRefused() {
        for (String province : new String[] {null, "", "  "}) {
            ProblemException reporter = assertThrows(
                    ProblemException.class,
                    () -> caller("officer", Roles.PROVINCIAL_REPORTER, province).confinedProvince());
            assertEquals(403, reporter.problem().status());
            assertEquals(
                    "A provincial-reporter token must carry the bureau's code in its province claim.",
                    reporter.problem().detail());
            ProblemException approver = assertThrows(
                    ProblemException.class,
                    () -> caller("lead", Roles.PROVINCIAL_APPROVER, province).confinedProvince());
            assertEquals(
                    "A provincial-approver token must carry the bureau's code in its province claim.",
                    approver.problem().detail());
        }
    }

    @Test
    void aConfinedCallerActsForItsOwnProvinceOnly() {
        Caller reporter = caller("officer", Roles.PROVINCIAL_REPORTER, "130000");
        assertEquals("130000", reporter.actFor(null, "read %s's reports", "province"));
        assertEquals("130000", reporter.actFor(" ", "read %s's reports", "province"));
        assertEquals("130000", reporter.actFor(" 130000 ", "read %s's reports", "province"));
        DomainException.ForeignProvince foreign = assertThrows(
                DomainException.ForeignProvince.class,
                () -> reporter.actFor("110000", "read %s's reports", "province"));
        assertEquals("Your token is for 130000; it cannot read 110000's reports.", foreign.getMessage());
        assertEquals("province", foreign.field());
        assertEquals("must be your own province, 130000", foreign.fieldMessage());
        assertThrows(
                DomainException.ForeignProvince.class,
                () -> caller("lead", Roles.PROVINCIAL_APPROVER, "130000")
                        .actFor("110000", "see %s's obligations", "province"));
    }

    @Test
    void anUnconfinedCallerActsForTheProvinceAskedOrAll() {
        for (String role : new String[] {Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.VIEWER}) {
            Caller caller = caller("someone", role, null);
            assertEquals("110000", caller.actFor("110000", "read %s's reports", "province"), role);
            assertNull(caller.actFor(null, "read %s's reports", "province"), role);
        }
    }

    @Test
    void aStoredResourceOfAnotherProvinceIsRefusedWithoutNamingIt() {
        Caller reporter = caller("officer", Roles.PROVINCIAL_REPORTER, "130000");
        reporter.requireOwnResource("130000", "report");
        DomainException.ForeignProvince foreign = assertThrows(
                DomainException.ForeignProvince.class, () -> reporter.requireOwnResource("110000", "report"));
        assertEquals("This report belongs to another province; your token is for 130000.", foreign.getMessage());
        assertNull(foreign.field());
        caller("reviewer", Roles.MINISTRY_REVIEWER, null).requireOwnResource("110000", "report");
    }

    @Test
    void theRuleWithoutACallerTakesTheConfinedProvinceAsGiven() {
        ProvinceRule.requireOwn(null, "110000", "read %s's rollup", null);
        ProvinceRule.requireOwn("130000", "130000", "read %s's rollup", null);
        ProvinceRule.requireOwn("130000", null, "read %s's rollup", null);
        DomainException.ForeignProvince foreign = assertThrows(
                DomainException.ForeignProvince.class,
                () -> ProvinceRule.requireOwn("130000", "110000", "read %s's rollup", null));
        assertEquals("Your token is for 130000; it cannot read 110000's rollup.", foreign.getMessage());
        assertNull(foreign.field());
    }

    @Test
    void theActorRecordedInHistoryIsTheTokensSubject() {
        Caller admin = caller("admin-zhang", Roles.MINISTRY_ADMIN, null);
        assertEquals("admin-zhang", admin.actor());
        assertEquals("admin-zhang", admin.name());
        assertEquals(Set.of(Roles.MINISTRY_ADMIN), admin.roles());
    }

    @Test
    void theTokenIsTheIdentitysPrincipal() {
        Caller caller = caller("officer", Roles.PROVINCIAL_REPORTER, "130000");
        assertEquals("130000", caller.token().getClaim("province"));
        assertEquals(1_900_000_000L, caller.tokenExpiry().getEpochSecond());
        Caller notJwt = new Caller(QuarkusSecurityIdentity.builder()
                .setPrincipal(() -> "basic-user")
                .build());
        assertEquals("basic-user", notJwt.actor());
        assertThrows(IllegalStateException.class, notJwt::token);
    }

    private static Caller caller(String subject, String role, String province) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject);
        claims.put("exp", 1_900_000_000L);
        if (province != null) {
            claims.put("province", province);
        }
        JsonWebToken token = new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
        return new Caller(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRole(role)
                .build());
    }
}
