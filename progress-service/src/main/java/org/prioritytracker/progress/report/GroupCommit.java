package org.prioritytracker.progress.report;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Group commit of submissions. At most {@code concurrent-transactions} transactions of submissions run
 * at once; submissions that arrive meanwhile wait, and the next free transaction takes up to
 * {@code max-size} of them and stores them together ({@link BatchedSubmit}): one statement and one
 * commit for many reports, where the database and the service otherwise spend most of their time per
 * transaction. A submission that finds no other waiting is stored alone, as before, without waiting.
 * When a batch meets an existing report, a used Idempotency-Key or any error, nothing of it is stored
 * and each of its submissions is stored alone, so that each gets the answer it would have had alone.
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** A submission waiting for a transaction, how to store it alone, and then how it ended. */
    private static final class Waiting {
        private final PendingSubmission submission;
        private final Function<PendingSubmission, ReportService.Submission> alone;
        private boolean ended;
        private ReportService.Submission result;
        private RuntimeException failure;

        Waiting(PendingSubmission submission, Function<PendingSubmission, ReportService.Submission> alone) {
            this.submission = submission;
            this.alone = alone;
        }
    }

    /** Stores submissions that do not clash in one transaction: all of them (true) or none (false). */
    public interface BatchStore {
        boolean store(List<PendingSubmission> batch);
    }

    private final BatchStore batchStore;
    private final GroupCommitConfig config;
    private final DistributionSummary transactionSizes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition transactionEnded = lock.newCondition();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;
    private long largestBatch;

    public GroupCommit(BatchStore batchStore, GroupCommitConfig config, MeterRegistry registry) {
        this.batchStore = batchStore;
        this.config = config;
        this.transactionSizes = DistributionSummary.builder("tracker.reports.group.commit.size")
                .description("Submissions per transaction (1: stored alone)")
                .register(registry);
    }

    /**
     * Stores the submission, with others when they wait too; {@code alone} stores one submission in a
     * transaction of its own and answers how it ended (a new report, a replay, a duplicate).
     */
    ReportService.Submission submit(
            PendingSubmission submission, Function<PendingSubmission, ReportService.Submission> alone) {
        if (config.maxSize() == 1) {
            return alone.apply(submission);
        }
        Waiting mine = new Waiting(submission, alone);
        lock.lock();
        try {
            waiting.addLast(mine);
            while (!mine.ended) {
                if (running < config.concurrentTransactions() && !waiting.isEmpty()) {
                    runOneTransaction();
                } else {
                    transactionEnded.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result != null ? mine.result : alone.apply(submission);
    }

    /** The largest number of submissions one transaction has stored so far. */
    long largestBatch() {
        lock.lock();
        try {
            return largestBatch;
        } finally {
            lock.unlock();
        }
    }

    /** How many submissions wait for a transaction now. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a batch and stores it with the lock released; called and returns with the lock held. */
    private void runOneTransaction() {
        List<Waiting> batch = takeBatch();
        running++;
        lock.unlock();
        try {
            if (batch.size() == 1) {
                Waiting only = batch.get(0);
                try {
                    only.result = only.alone.apply(only.submission);
                } catch (RuntimeException e) {
                    only.failure = e;
                }
            } else {
                storeTogether(batch);
            }
        } finally {
            lock.lock();
            running--;
            largestBatch = Math.max(largestBatch, batch.size());
            transactionSizes.record(batch.size());
            batch.forEach(ended -> ended.ended = true);
            transactionEnded.signalAll();
        }
    }

    /** Stores the batch; when it cannot be stored whole, leaves each submission to be stored alone by its own request (no result). */
    private void storeTogether(List<Waiting> batch) {
        List<PendingSubmission> submissions =
                batch.stream().map(member -> member.submission).toList();
        try {
            if (batchStore.store(submissions)) {
                batch.forEach(member -> member.result =
                        new ReportService.Submission(ReportService.Outcome.CREATED, member.submission.report()));
                return;
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "A batch of %d submissions failed; each is submitted alone", batch.size());
        }
    }

    /** The oldest waiting submissions, up to max-size, none clashing with another; clashing ones wait for the next. */
    private List<Waiting> takeBatch() {
        List<Waiting> batch = new ArrayList<>(Math.min(waiting.size(), config.maxSize()));
        Iterator<Waiting> oldestFirst = waiting.iterator();
        while (oldestFirst.hasNext() && batch.size() < config.maxSize()) {
            Waiting candidate = oldestFirst.next();
            if (batch.stream().noneMatch(member -> member.submission.clashesWith(candidate.submission))) {
                batch.add(candidate);
                oldestFirst.remove();
            }
        }
        return batch;
    }
}
