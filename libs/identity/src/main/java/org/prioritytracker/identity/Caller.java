package org.prioritytracker.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * Who is calling in this request: the token's subject, its roles and, for a bureau's reporter or
 * approver, the province it is confined to. Every service asks this bean, not the token, about the caller.
 */
@RequestScoped
public class Caller {

    /** The token claim that names a bureau's province (its code, such as 130000). */
    private static final String PROVINCE_CLAIM = "province";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's subject, as the security identity names its principal. */
    public String name() {
        return identity.getPrincipal().getName();
    }

    /** Who made a change, as history, audit rows and events record it: the caller's name. */
    public String actor() {
        return name();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isReporter() {
        return identity.hasRole(Roles.PROVINCIAL_REPORTER);
    }

    public boolean isApprover() {
        return identity.hasRole(Roles.PROVINCIAL_APPROVER);
    }

    /**
     * The verified bearer token of this request: the identity's principal. (An injected JsonWebToken
     * would be quarkus-oidc's where a service has it, which holds only the dashboard's sign-in session.)
     */
    public JsonWebToken token() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        throw new IllegalStateException("The caller was not authenticated with a JWT");
    }

    /** When the token stops being valid. */
    public Instant tokenExpiry() {
        return Instant.ofEpochSecond(token().getExpirationTime());
    }

    /** The reporter's province from the token's {@code province} claim; a reporter token without one is refused. */
    public String reporterProvince() {
        return bureauProvince(Roles.PROVINCIAL_REPORTER);
    }

    /** The approver's province from the token's {@code province} claim; an approver token without one is refused. */
    public String approverProvince() {
        return bureauProvince(Roles.PROVINCIAL_APPROVER);
    }

    /**
     * The province a bureau's reporter or approver is confined to, or null for the ministry's roles and
     * viewers, who see every province. A bureau's token without a province is refused (403): it sees none.
     */
    public String confinedProvince() {
        if (isReporter()) {
            return reporterProvince();
        }
        return isApprover() ? approverProvince() : null;
    }

    /**
     * The rule "a bureau's token acts only for its own province" for a province the request names, and
     * the province to act for: the caller's own when it is confined, else the one asked (null for all).
     *
     * @param asked the province the request names, or null or blank when it names none
     * @param action what the caller may not do, with {@code %s} for the province asked: "read %s's reports"
     * @param field the request field that named the province, or null
     * @throws org.prioritytracker.problem.DomainException.ForeignProvince for another province than the caller's own
     */
    public String actFor(String asked, String action, String field) {
        String own = confinedProvince();
        String named = asked == null || asked.isBlank() ? null : asked.strip();
        ProvinceRule.requireOwn(own, named, action, field);
        return own != null ? own : named;
    }

    /** The rule for a stored resource: a confined caller works only with its own province's; see {@link ProvinceRule}. */
    public void requireOwnResource(String resourceProvince, String resource) {
        ProvinceRule.requireOwnResource(confinedProvince(), resourceProvince, resource);
    }

    private String bureauProvince(String role) {
        String province = token().getClaim(PROVINCE_CLAIM);
        if (province == null || province.isBlank()) {
            throw new ProblemException(Problem.of(
                    403,
                    "Forbidden",
                    "A " + role + " token must carry the bureau's code in its province claim.",
                    List.of()));
        }
        return province;
    }
}
