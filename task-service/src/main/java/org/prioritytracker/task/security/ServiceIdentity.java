package org.prioritytracker.task.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.prioritytracker.identity.Roles;

/**
 * Binds each issuer to its own key and roles. The key set trusts two kinds of key: the identity
 * provider's, for people, and each calling service's own. A token is accepted only when
 * <ul>
 * <li>a service's key signed it ({@code kid} = the service), its issuer is that service, and it
 * claims the {@value Roles#SERVICE} role alone; or</li>
 * <li>a key of the identity provider signed it and its issuer is the provider; if it claims
 * {@value Roles#SERVICE}, it claims that role alone and was issued to a calling service's own client
 * ({@code azp}, client credentials).</li>
 * </ul>
 * So nobody holding a person's token can pass for a service, and a service's key cannot make a person. The audience ({@code aud} = task-service) is checked on every token by
 * SmallRye JWT itself.
 */
@ApplicationScoped
public class ServiceIdentity implements SecurityIdentityAugmentor {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client a token was issued to (OpenID Connect Core, section 2). */
    static final String AUTHORIZED_PARTY = "azp";

    private final IdentityConfig config;

    public ServiceIdentity(IdentityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String problem = problem(
                token.getIssuer(),
                keyId(token.getRawToken()),
                identity.getRoles(),
                text(token.getClaim(AUTHORIZED_PARTY)));
        if (problem != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(problem));
        }
        return Uni.createFrom().item(identity);
    }

    /** Why a token with this issuer, key, roles and client is refused; null when it is accepted. */
    String problem(String issuer, String keyId, Set<String> roles, String authorizedParty) {
        boolean serviceKey = keyId != null && config.serviceIssuers().contains(keyId);
        if (serviceKey) {
            if (!keyId.equals(issuer)) {
                return "a service's key signed a token of another issuer";
            }
            return roles.equals(Set.of(Roles.SERVICE)) ? null : "a service token claims more than the service role";
        }
        if (!config.issuer().equals(issuer)) {
            return "the issuer is not trusted";
        }
        if (!roles.contains(Roles.SERVICE)) {
            return null;
        }
        if (authorizedParty == null || !config.serviceClients().contains(authorizedParty)) {
            return "only a calling service's own client may hold a service token";
        }
        return roles.equals(Set.of(Roles.SERVICE)) ? null : "a service token claims more than the service role";
    }

    /** A string claim's value, whether the token library gives it as a string or as JSON; else null. */
    static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String string ? string : null;
    }

    /** The key id in the token's header (already verified: the signature covers the header). */
    static String keyId(String rawToken) {
        int dot = rawToken == null ? -1 : rawToken.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(
                    new String(Base64.getUrlDecoder().decode(rawToken.substring(0, dot)), StandardCharsets.UTF_8));
            JsonNode kid = header.get("kid");
            return kid == null ? null : kid.asText();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
