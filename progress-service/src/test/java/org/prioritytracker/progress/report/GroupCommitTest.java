package org.prioritytracker.progress.report;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's scheduling, with a batch store that records what it is given (BatchedSubmitTest covers the database). */
class GroupCommitTest {

    private record Config(int maxSize, int concurrentTransactions) implements GroupCommitConfig {}

    /** Records every batch and answers as told. */
    private static final class RecordingStore implements GroupCommit.BatchStore {
        private final List<List<PendingSubmission>> batches = new CopyOnWriteArrayList<>();
        private volatile boolean storesWhole = true;

        @Override
        public boolean store(List<PendingSubmission> batch) {
            batches.add(batch);
            return storesWhole;
        }
    }

    /** Stores a submission alone; the first one it is given waits until the test lets it go. */
    private static final class Alone implements Function<PendingSubmission, ReportService.Submission> {
        private final CountDownLatch firstEntered = new CountDownLatch(1);
        private final CountDownLatch letFirstGo = new CountDownLatch(1);
        private final Map<PendingSubmission, String> storedBy = new ConcurrentHashMap<>();

        @Override
        public ReportService.Submission apply(PendingSubmission submission) {
            storedBy.put(submission, Thread.currentThread().getName());
            if (firstEntered.getCount() == 1) {
                firstEntered.countDown();
                try {
                    letFirstGo.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ReportService.Submission(ReportService.Outcome.CREATED, submission.report());
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final Alone alone = new Alone();
    private final GroupCommit groupCommit = new GroupCommit(store, new Config(32, 1), new SimpleMeterRegistry());
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stopRequests() {
        alone.letFirstGo.countDown();
        requests.shutdownNow();
    }

    @Test
    void aSubmissionThatFindsNoOtherIsStoredAloneAtOnce() {
        alone.letFirstGo.countDown();
        PendingSubmission submission = submission("110000", "P1.1", null);

        ReportService.Submission result = groupCommit.submit(submission, alone);

        assertSame(submission.report(), result.report());
        assertEquals(Set.of(submission), alone.storedBy.keySet());
        assertTrue(store.batches.isEmpty());
    }

    @Test
    void submissionsThatArriveDuringATransactionAreStoredTogetherInTheNext() throws Exception {
        Future<ReportService.Submission> first = holdTheOnlyTransaction();
        List<PendingSubmission> arrivals = new ArrayList<>();
        for (String province : List.of("120000", "130000", "140000", "150000", "210000")) {
            arrivals.add(submission(province, "P3.2", UUID.randomUUID().toString()));
        }
        List<Future<ReportService.Submission>> results = submitAll(arrivals);

        alone.letFirstGo.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < arrivals.size(); i++) {
            ReportService.Submission result = results.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(ReportService.Outcome.CREATED, result.outcome());
            assertSame(arrivals.get(i).report(), result.report());
        }
        assertEquals(List.of(arrivals), store.batches);
        assertEquals(5, groupCommit.largestBatch());
    }

    @Test
    void submissionsThatClashWaitForTheNextTransaction() throws Exception {
        Future<ReportService.Submission> first = holdTheOnlyTransaction();
        PendingSubmission quarter = submission("120000", "P1.1", null);
        PendingSubmission sameItemAnotherPeriod = submission("120000", "P1.1", null);
        sameItemAnotherPeriod.report().period = "2025-Q2";
        PendingSubmission sameKey = submission("120000", "P2.1", "key-1");
        PendingSubmission keyHolder = submission("120000", "P3.1", "key-1");
        PendingSubmission otherProvince = submission("130000", "P1.1", "key-1");
        List<Future<ReportService.Submission>> results =
                submitAll(List.of(quarter, keyHolder, sameItemAnotherPeriod, sameKey, otherProvince));

        alone.letFirstGo.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (Future<ReportService.Submission> result : results) {
            assertEquals(
                    ReportService.Outcome.CREATED,
                    result.get(30, TimeUnit.SECONDS).outcome());
        }
        assertEquals(List.of(quarter, keyHolder, otherProvince), store.batches.get(0));
        // The two that clashed with the first batch do not clash with each other: the next transaction takes both.
        assertEquals(
                List.of(List.of(quarter, keyHolder, otherProvince), List.of(sameItemAnotherPeriod, sameKey)),
                store.batches);
    }

    @Test
    void aBatchThatCannotBeStoredWholeIsStoredAloneByEachOfItsRequests() throws Exception {
        store.storesWhole = false;
        Future<ReportService.Submission> first = holdTheOnlyTransaction();
        List<PendingSubmission> arrivals = List.of(
                submission("120000", "P1.1", null),
                submission("130000", "P1.1", null),
                submission("140000", "P1.1", null));
        List<Future<ReportService.Submission>> results = submitAll(arrivals);

        alone.letFirstGo.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < arrivals.size(); i++) {
            assertSame(
                    arrivals.get(i).report(),
                    results.get(i).get(30, TimeUnit.SECONDS).report());
        }
        assertEquals(List.of(arrivals), store.batches);
        for (PendingSubmission arrival : arrivals) {
            assertEquals(
                    "request-" + arrival.report().provinceCode,
                    alone.storedBy.get(arrival),
                    "stored alone by its own request");
        }
    }

    @Test
    void aFailureReachesTheRequestWhoseSubmissionFailed() {
        IllegalStateException failure = new IllegalStateException("the database is away");
        PendingSubmission submission = submission("110000", "P1.1", null);

        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> groupCommit.submit(submission, s -> {
                    throw failure;
                }));

        assertSame(failure, thrown);
    }

    /** Starts a submission whose transaction runs until the test lets it go; returns once it runs. */
    private Future<ReportService.Submission> holdTheOnlyTransaction() throws InterruptedException {
        PendingSubmission first = submission("110000", "P1.1", null);
        Future<ReportService.Submission> result = requests.submit(() -> groupCommit.submit(first, alone));
        assertTrue(alone.firstEntered.await(30, TimeUnit.SECONDS));
        return result;
    }

    /** Submits each from a request thread of its own (named after its province), once the one before waits. */
    private List<Future<ReportService.Submission>> submitAll(List<PendingSubmission> submissions) {
        List<Future<ReportService.Submission>> results = new ArrayList<>();
        for (PendingSubmission submission : submissions) {
            int waitingBefore = groupCommit.waitingCount();
            results.add(requests.submit(() -> {
                Thread.currentThread().setName("request-" + submission.report().provinceCode);
                return groupCommit.submit(submission, alone);
            }));
            await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.waitingCount() == waitingBefore + 1);
        }
        return results;
    }

    private static PendingSubmission submission(String province, String item, String key) {
        Report report = new Report();
        report.id = UUID.randomUUID();
        report.provinceCode = province;
        report.itemCode = item;
        report.period = "2025-Q1";
        return new PendingSubmission(report, "[]", key, key == null ? null : "hash of " + key);
    }
}
