package org.prioritytracker.task.item;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.history.ItemHistory;
import org.prioritytracker.time.PlanCalendar;

/**
 * Changes to sub-items. Each change locks the item's row, checks the client's If-Match against the
 * current version, and writes its history and outbox event in the same transaction: of two
 * concurrent changes with the same ETag exactly one wins, the other gets 412.
 */
@ApplicationScoped
public class ItemService {

    private final OutboxWriter outbox;
    private final ResponseCache responses;
    private final Clock clock;

    public ItemService(OutboxWriter outbox, ResponseCache responses, Clock clock) {
        this.outbox = outbox;
        this.responses = responses;
        this.clock = clock;
    }

    public SubItem get(String code) {
        SubItem item = SubItem.findById(code);
        if (item == null) {
            throw notFound(code);
        }
        return item;
    }

    public ItemPage list(ItemQuery query) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.priority() != null) {
            where.add("priority.code = :priority");
            parameters.and("priority", query.priority());
        }
        if (query.status() != null) {
            where.add("status = :status");
            parameters.and("status", query.status());
        }
        if (query.overdue() != null) {
            where.add("overdue = :overdue");
            parameters.and("overdue", query.overdue());
        }
        Sort order = Sort.by("priority.position").and("position");
        PanacheQuery<SubItem> page = (where.isEmpty()
                ? SubItem.<SubItem>findAll(order)
                : SubItem.<SubItem>find(String.join(" and ", where), order, parameters))
                .page(Page.of(query.page(), query.size()));
        return new ItemPage(page.list().stream().map(ItemView::of).toList(), query.page(), query.size(), page.count());
    }

    @Transactional
    public SubItem transition(String code, TransitionRequest request, String ifMatch, String actor) {
        SubItem item = lockCurrent(code, ifMatch);
        ItemStatus from = item.status;
        ItemStatus to = request.to();
        if (!ItemWorkflow.allows(from, item.suspendedFrom, to)) {
            throw new DomainException.WorkflowViolation("The workflow does not allow " + from + " -> " + to + " for " + code
                    + "; allowed next: " + ItemWorkflow.nextStates(from, item.suspendedFrom) + ".",
                    "to", "cannot move from " + from + " to " + to);
        }
        String reason = request.trimmedReason();
        if (reason == null && ItemWorkflow.requiresReason(from, to)) {
            throw ProblemException.badRequest("reason", "is required when moving from " + from + " to " + to);
        }

        OffsetDateTime now = PlanCalendar.now(clock);
        item.suspendedFrom = to == ItemStatus.SUSPENDED ? from : null;
        if (to == ItemStatus.COMPLETED) {
            item.overdue = false;
            item.overdueSince = null;
        }
        item.status = to;
        item.touch(now);

        ItemHistory entry = new ItemHistory();
        entry.itemCode = code;
        entry.fromStatus = from;
        entry.toStatus = to;
        entry.reason = reason;
        entry.actor = actor;
        entry.version = item.version;
        entry.changedAt = now;
        entry.persist();

        responses.invalidateOnCommit();
        outbox.write(ItemEvents.STATUS_CHANGED, code, item.version, ItemEvents.StatusChanged.of(item, from, reason, actor));
        return item;
    }

    @Transactional
    public SubItem patch(String code, ItemPatch patch, String ifMatch, String actor) {
        SubItem item = lockCurrent(code, ifMatch);
        if (patch.isEmpty()) {
            return item;
        }
        patch.applyTo(item);
        if (patch.changesDueDate() && item.overdue && !item.dueDate.isBefore(PlanCalendar.today(clock))) {
            // A new due date that has not passed lifts the flag; the overdue check raises it again if needed.
            item.overdue = false;
            item.overdueSince = null;
        }
        item.touch(PlanCalendar.now(clock));
        responses.invalidateOnCommit();
        outbox.write(ItemEvents.UPDATED, code, item.version, ItemEvents.Updated.of(item, patch.fieldNames(), actor));
        return item;
    }

    public List<ItemHistory> history(String code) {
        if (SubItem.count("code", code) == 0) {
            throw notFound(code);
        }
        return ItemHistory.newestFirst(code);
    }

    private SubItem lockCurrent(String code, String ifMatch) {
        SubItem item = SubItem.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (item == null) {
            throw notFound(code);
        }
        Preconditions.requireCurrent(ifMatch, item.version, "item");
        return item;
    }

    private static ProblemException notFound(String code) {
        return ProblemException.notFound("No sub-item has the code '" + code + "'.");
    }
}
