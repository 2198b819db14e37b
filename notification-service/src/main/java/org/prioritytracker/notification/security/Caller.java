package org.prioritytracker.notification.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** Who is reading events: the token's subject, when it expires, and the province a reporter is confined to. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The verified bearer token of this request: the identity's principal. (An injected JsonWebToken
     * would be quarkus-oidc's, which holds only the dashboard's sign-in session.)
     */
    public JsonWebToken token() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return token;
        }
        throw new IllegalStateException("The caller was not authenticated with a JWT");
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    /** When the token stops being valid; a stream opened with it ends then. */
    public Instant tokenExpiry() {
        return Instant.ofEpochSecond(token().getExpirationTime());
    }

    /**
     * The province whose report data a bureau's reporter or approver may see, or null for the ministry's
     * roles and viewers, who see every province. A bureau's token without a province sees none: refused.
     */
    public EventScope scope() {
        if (!identity.hasRole(Roles.PROVINCIAL_REPORTER) && !identity.hasRole(Roles.PROVINCIAL_APPROVER)) {
            return EventScope.EVERY_PROVINCE;
        }
        String province = token().getClaim("province");
        if (province == null || province.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "A provincial-reporter or provincial-approver token must carry the bureau's code in its province claim.",
                    List.of()));
        }
        return EventScope.province(province);
    }
}
