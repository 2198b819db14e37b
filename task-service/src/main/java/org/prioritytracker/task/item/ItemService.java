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
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.plan.PlanCodes;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.time.PlanCalendar;

/**
 * Sub-items and their changes. Each change locks the item's row, checks the client's If-Match against
 * the current version, and writes its history and outbox event in the same transaction: of two
 * concurrent changes with the same ETag exactly one wins, the other gets 412. An archived item takes
 * no change.
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
        where.add(query.archived() ? "archivedAt is not null" : "archivedAt is null");
        if (query.plan() != null) {
            where.add("priority.planYear = :plan");
            parameters.and("plan", query.plan());
        }
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
        PanacheQuery<SubItem> page = SubItem.<SubItem>find(String.join(" and ", where), order, parameters)
                .page(Page.of(query.page(), query.size()));
        return new ItemPage(page.list().stream().map(ItemView::of).toList(), query.page(), query.size(), page.count());
    }

    /** Adds a sub-item at the end of an active priority. */
    @Transactional
    public SubItem create(String priorityCode, NewItemRequest request, String actor) {
        Priority priority = Priority.findById(priorityCode, LockModeType.PESSIMISTIC_WRITE);
        if (priority == null) {
            throw ProblemException.notFound("No priority has the code '" + priorityCode + "'.");
        }
        return addTo(priority, request, actor);
    }

    /**
     * Adds a sub-item at the end of a priority whose row the caller has locked (so that two additions
     * do not take the same place), with its history entry and its {@code tracker.item.created} event.
     * It owes reports only for periods due after now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SubItem addTo(Priority priority, NewItemRequest request, String actor) {
        return add(priority, request, actor, true);
    }

    /** As {@link #addTo}, for an item of a plan's own document (an import): it belongs to the plan from its start. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SubItem addFromPlanDocument(Priority priority, NewItemRequest request, String actor) {
        return add(priority, request, actor, false);
    }

    private SubItem add(Priority priority, NewItemRequest request, String actor, boolean addedDuringThePlan) {
        if (priority.isArchived()) {
            throw new DomainException.WorkflowViolation(
                    "Priority " + priority.code + " is archived: it takes no new sub-items.");
        }
        if (request.dueDate().getYear() < priority.planYear) {
            throw ProblemException.badRequest("dueDate", "must not be before the plan's year " + priority.planYear);
        }
        int position = SubItem.lastPosition(priority.code) + 1;
        if (position > PlanCodes.MAX_ITEMS) {
            throw new DomainException.WorkflowViolation("Priority " + priority.code + " holds " + PlanCodes.MAX_ITEMS
                    + " sub-items, the most a priority can.");
        }
        SubItem item = new SubItem();
        item.code = PlanCodes.itemCode(priority.code, position);
        if (SubItem.findById(item.code) != null) {
            throw new DomainException.AlreadyExists(
                    "A sub-item with the code " + item.code + " exists already.", null, null);
        }
        item.priority = priority;
        item.position = position;
        item.titleZh = request.titleZh().strip();
        item.titleEn = request.titleEn().strip();
        item.sourceText = request.sourceTextOrTitle();
        item.description = NewItemRequest.blankToNull(request.description());
        item.leadDepartment = NewItemRequest.blankToNull(request.leadDepartment());
        item.dueDate = request.dueDate();
        item.status = ItemStatus.NOT_STARTED;
        item.version = 1;
        item.updatedAt = PlanCalendar.now(clock);
        item.createdAt = addedDuringThePlan ? item.updatedAt : null;
        item.persist();
        ItemHistory.record(item, HistoryKind.CREATED, null, null, List.of(), actor);
        responses.invalidateOnCommit();
        outbox.write(ItemEvents.CREATED, item.code, item.version, ItemEvents.Created.of(item, actor));
        return item;
    }

    @Transactional
    public SubItem archive(String code, ArchiveRequest request, String ifMatch, String actor) {
        SubItem item = lockCurrent(code, ifMatch);
        archiveLocked(item, request.trimmedReason(), actor);
        return item;
    }

    /** Archives every active sub-item of a priority whose row the caller has locked, in order, for one reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void archiveActiveOf(String priorityCode, String reason, String actor) {
        List<SubItem> active = SubItem.<SubItem>find(
                        "priority.code = ?1 and archivedAt is null order by position", priorityCode)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        for (SubItem item : active) {
            archiveLocked(item, reason, actor);
        }
    }

    /** Archives an active item whose row the caller has locked; it keeps its status and history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void archiveLocked(SubItem item, String reason, String actor) {
        OffsetDateTime now = PlanCalendar.now(clock);
        // An archived item is not late: it expects nothing more.
        item.overdue = false;
        item.overdueSince = null;
        item.archivedAt = now;
        item.touch(now);
        ItemHistory.record(item, HistoryKind.ARCHIVED, item.status, reason, List.of(), actor);
        responses.invalidateOnCommit();
        outbox.write(ItemEvents.ARCHIVED, item.code, item.version, ItemEvents.Archived.of(item, reason, actor));
    }

    @Transactional
    public SubItem transition(String code, TransitionRequest request, String ifMatch, String actor) {
        SubItem item = lockCurrent(code, ifMatch);
        ItemStatus from = item.status;
        ItemStatus to = request.to();
        if (!ItemWorkflow.allows(from, item.suspendedFrom, to)) {
            throw new DomainException.WorkflowViolation(
                    "The workflow does not allow " + from + " -> " + to + " for " + code + "; allowed next: "
                            + ItemWorkflow.nextStates(from, item.suspendedFrom) + ".",
                    "to",
                    "cannot move from " + from + " to " + to);
        }
        String reason = request.trimmedReason();
        if (reason == null && ItemWorkflow.requiresReason(from, to)) {
            throw ProblemException.badRequest("reason", "is required when moving from " + from + " to " + to);
        }

        item.suspendedFrom = to == ItemStatus.SUSPENDED ? from : null;
        if (to == ItemStatus.COMPLETED) {
            item.overdue = false;
            item.overdueSince = null;
        }
        item.status = to;
        item.touch(PlanCalendar.now(clock));
        ItemHistory.record(item, HistoryKind.STATUS_CHANGED, from, reason, List.of(), actor);

        responses.invalidateOnCommit();
        outbox.write(
                ItemEvents.STATUS_CHANGED, code, item.version, ItemEvents.StatusChanged.of(item, from, reason, actor));
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
        ItemHistory.record(item, HistoryKind.EDITED, item.status, null, patch.fieldNames(), actor);
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

    /** The item, locked, if it is active and the client's If-Match is its current version. */
    private SubItem lockCurrent(String code, String ifMatch) {
        SubItem item = SubItem.lockedForChange(code);
        if (item == null) {
            throw notFound(code);
        }
        if (item.isArchived()) {
            throw new DomainException.WorkflowViolation("Sub-item " + code + " is archived: it takes no more changes.");
        }
        Preconditions.requireCurrent(ifMatch, item.version, "item");
        return item;
    }

    private static ProblemException notFound(String code) {
        return ProblemException.notFound("No sub-item has the code '" + code + "'.");
    }
}
