package org.prioritytracker.progress.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/** Who is calling: the token's subject, roles and, for a provincial reporter, its province. */
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

    /** The reporter's province from the token's {@code province} claim; a reporter token without one is refused. */
    public String reporterProvince() {
        String province = token.getClaim("province");
        if (province == null || province.isBlank()) {
            throw new ProblemException(Problem.of(403, "Forbidden",
                    "A provincial-reporter token must carry the bureau's code in its province claim.", List.of()));
        }
        return province;
    }

    /** The province a reporter is confined to, or null for ministry roles and viewers, who see all. */
    public String confinedProvince() {
        return isReporter() ? reporterProvince() : null;
    }
}
