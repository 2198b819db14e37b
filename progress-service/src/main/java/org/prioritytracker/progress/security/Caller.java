package org.prioritytracker.progress.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** Who is calling: the token's subject, roles and, for a bureau's reporter or approver, its province. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String name() {
        return identity.getPrincipal().getName();
    }

    public boolean isReporter() {
        return identity.hasRole(Roles.PROVINCIAL_REPORTER);
    }

    public boolean isApprover() {
        return identity.hasRole(Roles.PROVINCIAL_APPROVER);
    }

    /** The reporter's province from the token's {@code province} claim; a reporter token without one is refused. */
    public String reporterProvince() {
        return bureauProvince(Roles.PROVINCIAL_REPORTER);
    }

    /** The approver's province from the token's {@code province} claim; an approver token without one is refused. */
    public String approverProvince() {
        return bureauProvince(Roles.PROVINCIAL_APPROVER);
    }

    /** The province a bureau's reporter or approver is confined to, or null for ministry roles and viewers, who see all. */
    public String confinedProvince() {
        if (isReporter()) {
            return reporterProvince();
        }
        return isApprover() ? approverProvince() : null;
    }

    private String bureauProvince(String role) {
        String province = token.getClaim("province");
        if (province == null || province.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "A " + role + " token must carry the bureau's code in its province claim.", List.of()));
        }
        return province;
    }
}
