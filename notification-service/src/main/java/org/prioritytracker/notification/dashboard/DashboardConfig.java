package org.prioritytracker.notification.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the dashboard page finds the other services' APIs, as the browser sees them, and its sign-in's secret. */
@ConfigMapping(prefix = "tracker.dashboard")
public interface DashboardConfig {

    @WithDefault("http://127.0.0.1:8081")
    String taskServiceUrl();

    @WithDefault("http://127.0.0.1:8082")
    String progressServiceUrl();

    /**
     * Encrypts the sign-in's session and PKCE state cookies (quarkus-oidc reads it through
     * application.properties): at least 32 characters, the same for every instance. Never sent anywhere.
     */
    String sessionSecret();
}
