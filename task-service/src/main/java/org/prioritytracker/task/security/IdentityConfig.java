package org.prioritytracker.task.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** Who may issue the tokens this service accepts. */
@ConfigMapping(prefix = "tracker.identity")
public interface IdentityConfig {

    /**
     * The identity provider's issuer (its discovery document's {@code issuer}), which issues people's
     * tokens and the services' client-credentials tokens. Required: nothing is trusted by default.
     */
    String issuer();

    /**
     * Services that call this one with tokens of their own: each signs with its own key, whose key
     * id ({@code kid}) is the service's name, and is its tokens' issuer.
     */
    Set<String> serviceIssuers();

    /**
     * Services that call this one with the identity provider's tokens, got by client credentials: the
     * client ids that may carry the {@value Roles#SERVICE} role (the token's {@code azp}).
     */
    @WithDefault("progress-service")
    Set<String> serviceClients();
}
