package org.prioritytracker.task.overdue;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.item.ItemEvents;
import org.prioritytracker.task.item.ItemStatus;
import org.prioritytracker.task.item.SubItem;
import org.prioritytracker.time.PlanCalendar;

/**
 * Flags sub-items whose due day has ended (Beijing calendar) and that are not completed, once each,
 * with a {@code tracker.item.overdue} event; archived items are never late. Rows locked by a
 * concurrent change or another instance's check are skipped and picked up by the next run.
 */
@ApplicationScoped
public class OverdueCheck {

    private static final Logger LOG = Logger.getLogger(OverdueCheck.class);
    static final String ACTOR = "overdue-check";

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final ResponseCache responses;
    private final Clock clock;

    public OverdueCheck(EntityManager entityManager, OutboxWriter outbox, ResponseCache responses, Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.responses = responses;
        this.clock = clock;
    }

    @Scheduled(
            identity = "overdue-check",
            every = "${tracker.overdue.every:10m}",
            delayed = "${tracker.overdue.delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int flagged = flagOverdueItems();
        if (flagged > 0) {
            LOG.infof("Flagged %d sub-items as overdue", flagged);
        }
    }

    /** Returns how many items this run flagged. */
    @Transactional
    public int flagOverdueItems() {
        List<SubItem> due = entityManager
                .createQuery("""
                select i from SubItem i join fetch i.priority
                where i.dueDate < :today and i.status <> :completed and i.overdue = false and i.archivedAt is null
                order by i.code""", SubItem.class)
                .setParameter("today", PlanCalendar.today(clock))
                .setParameter("completed", ItemStatus.COMPLETED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .getResultList();
        OffsetDateTime now = PlanCalendar.now(clock);
        if (!due.isEmpty()) {
            responses.invalidateOnCommit();
        }
        for (SubItem item : due) {
            item.overdue = true;
            item.overdueSince = now;
            item.touch(now);
            outbox.write(ItemEvents.OVERDUE, item.code, item.version, ItemEvents.Overdue.of(item, ACTOR));
        }
        return due.size();
    }
}
