package org.prioritytracker.progress.report;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.progress.support.ReportApi.body;
import static org.prioritytracker.progress.support.ReportApi.submit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskService;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;

@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class TaskServiceDownTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @AfterEach
    void bringBack() {
        FakeTaskService.get().up();
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
}
