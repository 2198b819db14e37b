package org.prioritytracker.task.security;

import io.smallrye.config.ConfigMapping;
import java.util.Set;

/** Who may issue the tokens this service accepts. */
@ConfigMapping(prefix = "tracker.identity")
public interface IdentityConfig {

    /** The identity provider that issues people's tokens. */
    String userIssuer();

    /**
     * Services that call this one with tokens of their own: each signs with its own key, whose key
     * id ({@code kid}) is the service's name, and is its tokens' issuer.
     */
    Set<String> serviceIssuers();
}
