package org.prioritytracker.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.MutableClock;

class WarmUpTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the steps' tasks end");
    }

    @Test
    void readinessWaitsForEveryStep() {
        CountDownLatch slow = new CountDownLatch(1);
        WarmUp warmUp = warmUp(true, step("quick", () -> {}, false), step("slow", slow::await, false));
        warmUp.start();

        Awaitility.await().until(() -> warmUp.standing().get("quick").startsWith("done"));
        assertFalse(warmUp.warm(), "one step still runs");
        assertEquals("running", warmUp.standing().get("slow"));

        slow.countDown();
        Awaitility.await().until(warmUp::warm);
        assertTrue(warmUp.standing().get("slow").startsWith("done"));
    }

    @Test
    void aFailedStepIsTriedAgainUntilItSucceeds() {
        AtomicInteger tries = new AtomicInteger();
        WarmUp warmUp = warmUp(
                true,
                step(
                        "flaky",
                        () -> {
                            if (tries.incrementAndGet() < 3) {
                                throw new IllegalStateException("task-service is away");
                            }
                        },
                        false));
        warmUp.start();

        Awaitility.await().until(warmUp::warm);
        assertEquals(3, tries.get());
        assertTrue(
                warmUp.standing().get("flaky").endsWith("after 2 tries"),
                warmUp.standing().toString());
    }

    @Test
    void theDeadlineMakesTheInstanceReadyAndAStepThatOnlyMeasuresGivesUp() {
        WarmUp warmUp = warmUp(
                true,
                step(
                        "never",
                        () -> {
                            throw new IllegalStateException("still busy");
                        },
                        false));
        warmUp.start();
        Awaitility.await().until(() -> warmUp.standing().get("never").startsWith("retrying"));
        assertFalse(warmUp.warm());

        clock.advance(DEADLINE);
        assertTrue(warmUp.warm(), "ready at the deadline");
        Awaitility.await().until(() -> warmUp.standing().get("never").equals("given up at the deadline: still busy"));
    }

    @Test
    void aStepThatServesLaterGoesOnAfterTheDeadline() {
        AtomicBoolean peerBack = new AtomicBoolean();
        WarmUp warmUp = warmUp(
                true,
                step(
                        "catalogue",
                        () -> {
                            if (!peerBack.get()) {
                                throw new IllegalStateException("task-service is away");
                            }
                        },
                        true));
        warmUp.start();
        clock.advance(DEADLINE);
        assertTrue(warmUp.warm(), "ready at the deadline");

        peerBack.set(true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> warmUp.standing().get("catalogue").startsWith("done"));
    }

    @Test
    void withoutWarmUpTheInstanceIsReadyAtOnceAndNoStepRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        WarmUp warmUp = warmUp(false, step("any", () -> ran.set(true), false));
        warmUp.start();

        assertTrue(warmUp.warm());
        assertFalse(ran.get());
        assertEquals(Map.of("warm-up", "off (tracker.warm-up.enabled)"), warmUp.standing());
    }

    @Test
    void beforeItStartsTheInstanceIsNotReady() {
        assertFalse(warmUp(true, step("any", () -> {}, false)).warm());
    }

    private WarmUp warmUp(boolean enabled, WarmUpStep... steps) {
        return new WarmUp(List.of(steps), config(enabled), clock, executor);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static WarmUpStep step(String name, Work work, boolean keepsTrying) {
        return new WarmUpStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() throws Exception {
                work.run();
            }

            @Override
            public boolean keepsTryingAfterTheDeadline() {
                return keepsTrying;
            }
        };
    }

    static WarmUpConfig config(boolean enabled) {
        return new WarmUpConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration deadline() {
                return DEADLINE;
            }

            @Override
            public Duration retry() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofMillis(20);
            }

            @Override
            public int connections() {
                return 2;
            }

            @Override
            public double compilerBusyShare() {
                return 0.1;
            }

            @Override
            public Duration compilerWindow() {
                return Duration.ofMillis(10);
            }
        };
    }
}
