package org.prioritytracker.task.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Binds each issuer to its own key and roles. The key set trusts two kinds of key: the identity
 * provider's, for people, and each calling service's own. A token is accepted only when
 * <ul>
 * <li>a service's key signed it ({@code kid} = the service), its issuer is that service, and it
 * claims the {@value Roles#SERVICE} role alone; or</li>
 * <li>a key of the identity provider signed it, its issuer is the provider, and it does not claim
 * {@value Roles#SERVICE}.</li>
 * </ul>
 * So nobody holding a person's token, or the provider's key, can pass for a service, and a service's
 * key cannot make a person. The audience ({@code aud} = task-service) is checked on every token by
 * SmallRye JWT itself.
 */
@ApplicationScoped
public class ServiceIdentity implements SecurityIdentityAugmentor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityConfig config;

    public ServiceIdentity(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String problem = problem(token.getIssuer(), keyId(token.getRawToken()), identity.getRoles());
        if (problem != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(problem));
        }
        return Uni.createFrom().item(identity);
    }

    /** Why a token with this issuer, key and roles is refused; null when it is accepted. */
    String problem(String issuer, String keyId, Set<String> roles) {
        boolean serviceKey = keyId != null && config.serviceIssuers().contains(keyId);
        if (serviceKey) {
            if (!keyId.equals(issuer)) {
                return "a service's key signed a token of another issuer";
            }
            return roles.equals(Set.of(Roles.SERVICE)) ? null : "a service token claims more than the service role";
        }
        if (!config.userIssuer().equals(issuer)) {
            return "the issuer is not trusted";
        }
        return roles.contains(Roles.SERVICE) ? "only a service's own key may sign a service token" : null;
    }

    /** The key id in the token's header (already verified: the signature covers the header). */
    static String keyId(String rawToken) {
        int dot = rawToken == null ? -1 : rawToken.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(rawToken.substring(0, dot)),
                    StandardCharsets.UTF_8));
            JsonNode kid = header.get("kid");
            return kid == null ? null : kid.asText();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
