package org.prioritytracker.progress.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;
import org.prioritytracker.progress.support.ReportApi;
import org.prioritytracker.progress.support.TestData;

@QuarkusTest
@TestProfile(RateLimitTest.FiveWritesAnHour.class)
@WithTestResource(FakeTaskServiceResource.class)
class RateLimitTest {

    /** A limit low enough to reach, over a period long enough that it cannot refill during the test. */
    public static class FiveWritesAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.rate-limit.writes-per-period", "5", "tracker.rate-limit.period", "1h");
        }
    }

    @Inject
    TestData data;

    @BeforeEach
    void clean() {
        data.reset();
    }

    @Test
    void aCallerPastItsLimitGets429WithRetryAfterAndOthersGoOn() {
        String[] items = {"P4.1", "P4.2", "P4.3", "P4.4", "P4.5"};
        for (String item : items) {
            ReportApi.create("130000", item, "2025-Q1", 10, "ON_TRACK");
        }
        ReportApi.submit("130000", UUID.randomUUID().toString(), ReportApi.body("P3.2", "2025-Q1", 10, "ON_TRACK"))
                .statusCode(429)
                .header("Retry-After", equalTo("3600"))
                .contentType(startsWith("application/problem+json"));
        ReportApi.create("320000", "P3.2", "2025-Q1", 10, "ON_TRACK");
        assertEquals(6, data.count("SELECT count(*) FROM report"), "the refused write stored nothing");
    }
}
