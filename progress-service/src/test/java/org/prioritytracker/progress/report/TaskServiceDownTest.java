package org.prioritytracker.progress.report;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prioritytracker.progress.support.ReportApi.body;
import static org.prioritytracker.progress.support.ReportApi.submit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.catalog.ItemCatalog;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;
import org.prioritytracker.testsupport.MutableClock;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class TaskServiceDownTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Inject
    MutableClock clock;

    @Inject
    ItemCatalog catalog;

    @AfterEach
    void bringBack() {
        FakeTaskService.get().up();
        FakeTaskService.get().failing(false);
        clock.reset();
    }

    @Test
    void anItemThatIsNotCachedIs503WithRetryAfterAndNothingIsStored() {
        ReportApi.create("130000", "P5.1", "2025-Q1", 10, "ON_TRACK");
        FakeTaskService.get().down();

        submit("130000", "down-1", body("P5.2", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("10"));
        assertEquals(1, data.count("SELECT count(*) FROM report"));
        assertEquals(1, data.count("SELECT count(*) FROM idempotency_key"));

        // An item looked up before stays usable from the cache.
        submit("320000", "down-2", body("P5.1", "2025-Q1", 20, "ON_TRACK")).statusCode(201);
    }

    @Test
    void afterTheWarmUpEveryItemIsKnownWithoutTaskService() {
        catalog.warm();
        FakeTaskService.get().down();
        int asked = FakeTaskService.get().requests();
        for (String item : List.of("P1.1", "P4.2", "P8.3")) {
            submit("130000", "warm-" + item, body(item, "2025-Q1", 10, "ON_TRACK"))
                    .statusCode(201);
        }
        assertEquals(asked, FakeTaskService.get().requests());
        assertEquals(3, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void aStaleCopyOfAnItemIsUsedWhileTaskServiceIsDown() {
        ReportApi.create("130000", "P5.3", "2025-Q1", 10, "ON_TRACK");
        clock.advance(Duration.ofMinutes(11));
        int asked = FakeTaskService.get().requests();
        FakeTaskService.get().failing(true);

        submit("320000", "stale-1", body("P5.3", "2025-Q1", 20, "ON_TRACK")).statusCode(201);
        assertTrue(FakeTaskService.get().requests() > asked, "the stale copy was refreshed first, and that failed");
        assertEquals(2, data.count("SELECT count(*) FROM report"));
    }

    @Test
    void theCircuitBreakerStopsAskingABrokenTaskServiceAndAnswers503() {
        FakeTaskService.get().failing(true);
        for (String item : List.of("P6.1", "P6.2", "P6.3")) {
            submit("130000", "broken-" + item, body(item, "2025-Q1", 10, "ON_TRACK"))
                    .statusCode(503)
                    .header("Retry-After", equalTo("10"));
        }
        int asked = FakeTaskService.get().requests();
        submit("130000", "broken-open", body("P6.4", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(503)
                .contentType(startsWith("application/problem+json"));
        assertEquals(asked, FakeTaskService.get().requests(), "the open breaker did not call task-service");
        assertEquals(0, data.count("SELECT count(*) FROM report"));
    }
}
