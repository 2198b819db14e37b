package org.prioritytracker.progress.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests for ever new codes cannot grow the catalogue's cache, nor reach task-service with junk. */
class ItemCatalogBoundsTest {

    /** task-service as far as the catalogue sees it: P3.2 exists, nothing else; every call counted. */
    private static final class CountingLookup extends TaskServiceLookup {

        final AtomicInteger calls = new AtomicInteger();

        CountingLookup() {
            super(null, null);
        }

        @Override
        public Optional<ItemInfo> item(String code) {
            calls.incrementAndGet();
            return code.equals("P3.2")
                    ? Optional.of(
                            new ItemInfo("P3.2", "P3", 2025, "碧水", "Clear waters", LocalDate.of(2025, 12, 31), null))
                    : Optional.empty();
        }
    }

    private final CountingLookup lookup = new CountingLookup();
    private final ItemCatalog catalog = new ItemCatalog(lookup, Clock.systemUTC());

    @Test
    void unknownCodesAreCachedWithinABound() {
        for (int i = 0; i < ItemCatalog.MAX_ITEMS * 5; i++) {
            assertTrue(catalog.item("X" + i).isEmpty());
        }
        assertTrue(catalog.cachedItems() <= ItemCatalog.MAX_ITEMS, "cached: " + catalog.cachedItems());
        assertTrue(catalog.item("P3.2").isPresent(), "a real item is still found");
        int calls = lookup.calls.get();
        catalog.item("P3.2");
        assertEquals(calls, lookup.calls.get(), "and then served from the cache");
    }

    @Test
    void textThatCannotBeACodeNeverReachesTaskService() {
        for (String junk : new String[] {"", "P3.2 ", "P3/../2", "P".repeat(33), "碧水", "P3.2?x=1", "P3.2#", null}) {
            assertTrue(catalog.item(junk).isEmpty(), String.valueOf(junk));
        }
        assertEquals(0, lookup.calls.get());
    }
}
