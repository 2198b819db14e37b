package org.prioritytracker.task.item;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class ConcurrentTransitionTest {

    private static final int CLIENTS = 8;

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void ofConcurrentMovesWithTheSameETagExactlyOneWinsTheOthersGet412() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ItemApi.transition("P3.1", "\"1\"", "IN_PROGRESS", null)
                            .extract()
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(CLIENTS - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P3.1/history")
                .then()
                .body("$", hasSize(1));
        assertEquals("\"2\"", ItemApi.etag("P3.1"));
        assertEquals(1, data.events("P3.1"));
    }
}
