package org.prioritytracker.progress.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.prioritytracker.progress.security.ServiceToken;

/**
 * Calls to task-service with a timeout, a short retry and a circuit breaker, so that a slow or
 * absent task-service costs a request at most a few seconds and then nothing while the breaker is
 * open. A 404 is an answer (the item does not exist), not a failure.
 */
@ApplicationScoped
public class TaskServiceLookup {

    private static final int PAGE_SIZE = 200;

    private final TaskServiceClient client;
    private final ServiceToken token;

    public TaskServiceLookup(@RestClient TaskServiceClient client, ServiceToken token) {
        this.client = client;
        this.token = token;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<ItemInfo> item(String code) {
        try {
            ItemInfo item = client.item(code, "Bearer " + token.current());
            // A code that is no item's can route to another of task-service's paths (an empty code to the
            // item list): only an answer for this very code is the item.
            return code.equals(item.code()) ? Optional.of(item) : Optional.empty();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every item, page by page (the catalogue's warm-up: a few pages a year). */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public List<ItemInfo> allItems() {
        List<ItemInfo> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            TaskServiceClient.ItemPage items = client.items(page, PAGE_SIZE, "Bearer " + token.current());
            all.addAll(items.items());
            if (items.items().size() < PAGE_SIZE || all.size() >= items.total()) {
                return all;
            }
        }
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<PriorityInfo> priorities() {
        return client.priorities("Bearer " + token.current());
    }

    /** The years of every plan. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<Integer> planYears() {
        return client.plans("Bearer " + token.current()).stream()
                .map(TaskServiceClient.PlanSummary::year)
                .toList();
    }

    /** Every reporting bureau, deactivated ones included. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public List<BureauInfo> bureaus() {
        return client.provinces("Bearer " + token.current());
    }

    /** One plan's priorities with their items, archived ones included; empty when no plan has the year. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Optional<List<PriorityInfo>> planPriorities(int year) {
        try {
            return Optional.of(client.planPriorities(year, "Bearer " + token.current()));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
