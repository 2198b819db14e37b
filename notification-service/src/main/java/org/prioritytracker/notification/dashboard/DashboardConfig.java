package org.prioritytracker.notification.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the dashboard page finds the other services' APIs, as the browser sees them. */
@ConfigMapping(prefix = "tracker.dashboard")
public interface DashboardConfig {

    @WithDefault("http://127.0.0.1:8081")
    String taskServiceUrl();

    @WithDefault("http://127.0.0.1:8082")
    String progressServiceUrl();
}
