package org.prioritytracker.progress.catalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Loads the whole catalogue once the service has started, in the background, and again every few
 * seconds until task-service answers: the first reports after a deploy then find every item cached,
 * and a task-service that is briefly absent later turns no valid report into a 503.
 */
@ApplicationScoped
public class CatalogWarmUp {

    private static final Logger LOG = Logger.getLogger(CatalogWarmUp.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final ItemCatalog catalog;
    private final ManagedExecutor executor;
    private final boolean enabled;
    private volatile boolean running = true;

    public CatalogWarmUp(ItemCatalog catalog, ManagedExecutor executor,
            @ConfigProperty(name = "tracker.catalog.warm-up", defaultValue = "true") boolean enabled) {
        this.catalog = catalog;
        this.executor = executor;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            executor.runAsync(this::warmUntilDone);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void warmUntilDone() {
        while (running) {
            try {
                catalog.warm();
                LOG.debug("Catalogue loaded from task-service");
                return;
            } catch (RuntimeException e) {
                LOG.debugf("Catalogue warm-up failed (%s); retrying in %s", e, RETRY);
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
