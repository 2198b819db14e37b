package org.prioritytracker.progress.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.prioritytracker.warmup.WarmUpStep;

/**
 * Loads the whole catalogue from task-service before the instance is ready, so that its first reports
 * need no call to task-service; should task-service be away past the warm-up's deadline, it goes on
 * trying in the background, and a task-service that is briefly absent later turns no valid report into a 503.
 */
@ApplicationScoped
public class CatalogWarmUpStep implements WarmUpStep {

    private final ItemCatalog catalog;

    public CatalogWarmUpStep(ItemCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "catalogue";
    }

    @Override
    public void run() {
        catalog.warm();
    }

    @Override
    public boolean keepsTryingAfterTheDeadline() {
        return true;
    }
}
