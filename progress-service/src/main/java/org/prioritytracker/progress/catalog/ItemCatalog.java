package org.prioritytracker.progress.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * task-service's items, priorities, plans and bureaus' deactivations, cached: they rarely change. A
 * fresh entry is used as is; a stale one is refreshed, and kept when task-service cannot be reached.
 * Only when task-service is unreachable and nothing is cached does a request fail, with 503 and
 * Retry-After. The item cache is bounded (Caffeine, {@value #MAX_ITEMS} codes, the least used evicted
 * first), so that requests for ever new codes, which are misses, cannot grow it without end.
 */
@ApplicationScoped
public class ItemCatalog {

    private static final Logger LOG = Logger.getLogger(ItemCatalog.class);
    static final Duration FRESH = Duration.ofMinutes(10);
    /** An unknown code is asked again sooner: the ministry may just have created it. */
    static final Duration FRESH_WHEN_ABSENT = Duration.ofMinutes(1);

    static final int RETRY_AFTER_SECONDS = 10;
    /** The catalogue has 31 sub-items a year; room for many plans and a margin of unknown codes. */
    static final int MAX_ITEMS = 2_000;

    private record Cached<T>(T value, Instant fetchedAt, Duration freshFor) {
        boolean freshAt(Instant now) {
            return fetchedAt.plus(freshFor).isAfter(now);
        }
    }

    private final TaskServiceLookup lookup;
    private final Clock clock;
    private final Cache<String, Cached<Optional<ItemInfo>>> items =
            Caffeine.newBuilder().maximumSize(MAX_ITEMS).build();
    private volatile Cached<List<PriorityInfo>> priorities;
    private volatile Cached<List<Integer>> planYears;
    private volatile Cached<Map<String, Instant>> deactivations;
    private final Cache<Integer, Cached<Optional<List<PriorityInfo>>>> plans =
            Caffeine.newBuilder().maximumSize(100).build();

    public ItemCatalog(TaskServiceLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    public Optional<ItemInfo> item(String code) {
        if (!couldBeACode(code)) {
            // Not worth a call to task-service, nor a place in the cache.
            return Optional.empty();
        }
        Cached<Optional<ItemInfo>> cached = items.getIfPresent(code);
        if (cached != null && cached.freshAt(clock.instant())) {
            return cached.value();
        }
        Optional<ItemInfo> item = fetch(() -> lookup.item(code), cached, "sub-item " + code);
        items.put(code, new Cached<>(item, clock.instant(), item.isPresent() ? FRESH : FRESH_WHEN_ABSENT));
        return item;
    }

    public List<PriorityInfo> priorities() {
        Cached<List<PriorityInfo>> cached = priorities;
        if (cached != null && cached.freshAt(clock.instant())) {
            return cached.value();
        }
        List<PriorityInfo> fetched = fetch(lookup::priorities, cached, "the priorities");
        priorities = new Cached<>(fetched, clock.instant(), FRESH);
        return fetched;
    }

    /** The years of every plan. */
    public List<Integer> planYears() {
        Cached<List<Integer>> cached = planYears;
        if (cached != null && cached.freshAt(clock.instant())) {
            return cached.value();
        }
        List<Integer> fetched = fetch(lookup::planYears, cached, "the plans");
        planYears = new Cached<>(fetched, clock.instant(), FRESH);
        return fetched;
    }

    /** When each deactivated bureau was deactivated, by its code; active bureaus are absent. */
    public Map<String, Instant> deactivations() {
        Cached<Map<String, Instant>> cached = deactivations;
        if (cached != null && cached.freshAt(clock.instant())) {
            return cached.value();
        }
        Map<String, Instant> fetched = fetch(() -> deactivated(lookup.bureaus()), cached, "the reporting bureaus");
        deactivations = new Cached<>(fetched, clock.instant(), FRESH);
        return fetched;
    }

    /**
     * As {@link #deactivations()}, but none rather than a 503 when task-service cannot be reached and
     * nothing is cached: a report is not refused for want of them (the next rollup counts them right).
     */
    public Map<String, Instant> deactivationsIfKnown() {
        try {
            return deactivations();
        } catch (ProblemException e) {
            return Map.of();
        }
    }

    private static Map<String, Instant> deactivated(List<BureauInfo> bureaus) {
        return bureaus.stream()
                .filter(b -> b.deactivatedAt() != null)
                .collect(Collectors.toUnmodifiableMap(
                        BureauInfo::code, b -> b.deactivatedAt().toInstant()));
    }

    /** One plan's priorities with their items (archived included), or empty when no plan has the year. */
    public Optional<List<PriorityInfo>> plan(int year) {
        Cached<Optional<List<PriorityInfo>>> cached = plans.getIfPresent(year);
        if (cached != null && cached.freshAt(clock.instant())) {
            return cached.value();
        }
        Optional<List<PriorityInfo>> fetched =
                fetch(() -> lookup.planPriorities(year), cached, "the " + year + " plan");
        plans.put(year, new Cached<>(fetched, clock.instant(), fetched.isPresent() ? FRESH : FRESH_WHEN_ABSENT));
        return fetched;
    }

    /**
     * Loads every item, the priorities and the bureaus' deactivations in a few calls, so that the first
     * reports after a start need no call to task-service, and a task-service that goes away later leaves
     * known items usable.
     */
    public void warm() {
        Instant now = clock.instant();
        for (ItemInfo item : lookup.allItems()) {
            items.put(item.code(), new Cached<>(Optional.of(item), now, FRESH));
        }
        priorities = new Cached<>(lookup.priorities(), now, FRESH);
        deactivations = new Cached<>(deactivated(lookup.bureaus()), now, FRESH);
    }

    /** Item codes are short and plain (P3.2; a later plan's codes follow the same alphabet). */
    static boolean couldBeACode(String code) {
        if (code == null || code.isEmpty() || code.length() > 32) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == '_';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** How many item codes are cached now (after pending evictions). */
    long cachedItems() {
        items.cleanUp();
        return items.estimatedSize();
    }

    /**
     * Forgets one item or bureau, and the priorities, plans and deactivations that list it: the ministry
     * has just changed it.
     */
    public void forget(String code) {
        items.invalidate(code);
        priorities = null;
        planYears = null;
        deactivations = null;
        plans.invalidateAll();
    }

    /** Forgets everything cached (tests, and an operator after the ministry renamed items). */
    public void clear() {
        items.invalidateAll();
        priorities = null;
        planYears = null;
        deactivations = null;
        plans.invalidateAll();
    }

    private <T> T fetch(Supplier<T> call, Cached<T> stale, String what) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (stale != null) {
                LOG.warnf("task-service unreachable (%s); using the cached copy of %s", e.toString(), what);
                return stale.value();
            }
            throw new ProblemException(
                    Problem.of(
                            503,
                            "Service Unavailable",
                            "task-service, which knows the sub-items, cannot be reached to look up " + what
                                    + ". Nothing was stored; retry in " + RETRY_AFTER_SECONDS + " seconds.",
                            List.of()),
                    Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
    }
}
