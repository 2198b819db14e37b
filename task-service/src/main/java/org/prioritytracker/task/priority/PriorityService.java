package org.prioritytracker.task.priority;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.plan.Plan;
import org.prioritytracker.task.plan.PlanCodes;
import org.prioritytracker.time.PlanCalendar;

/**
 * The ministry's changes to a plan's priorities. Like item changes, each locks the row, checks
 * If-Match, and writes its event in the same transaction. Archiving a priority with its sub-items is
 * catalogue's PriorityArchive: a priority knows nothing of its sub-items.
 */
@ApplicationScoped
public class PriorityService {

    private final OutboxWriter outbox;
    private final ResponseCache responses;
    private final Clock clock;

    public PriorityService(OutboxWriter outbox, ResponseCache responses, Clock clock) {
        this.outbox = outbox;
        this.responses = responses;
        this.clock = clock;
    }

    @Transactional
    public Priority create(int planYear, NewPriorityRequest request, String actor) {
        Plan plan = Plan.findById(planYear, LockModeType.PESSIMISTIC_WRITE);
        if (plan == null) {
            throw ProblemException.notFound("No plan has the year " + planYear + ".");
        }
        return addTo(plan, request, actor);
    }

    /** Adds a priority at the end of a plan whose row the caller has locked, with its event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Priority addTo(Plan plan, NewPriorityRequest request, String actor) {
        int position = Priority.lastPosition(plan.year) + 1;
        if (position > PlanCodes.MAX_PRIORITIES) {
            throw new DomainException.WorkflowViolation("The " + plan.year + " plan holds " + PlanCodes.MAX_PRIORITIES
                    + " priorities, the most a plan can.");
        }
        Priority priority = new Priority();
        priority.code = PlanCodes.priorityCode(plan.year, position);
        if (Priority.findById(priority.code) != null) {
            throw new DomainException.AlreadyExists(
                    "A priority with the code " + priority.code + " exists already.", null, null);
        }
        priority.planYear = plan.year;
        priority.position = position;
        priority.titleZh = request.titleZh().strip();
        priority.titleEn = request.titleEn().strip();
        priority.version = 1;
        priority.updatedAt = PlanCalendar.now(clock);
        priority.persist();
        responses.invalidateOnCommit();
        outbox.write(
                PriorityEvents.CREATED,
                priority.code,
                priority.version,
                PriorityEvents.PriorityChanged.of(priority, List.of(), null, actor));
        return priority;
    }

    @Transactional
    public Priority patch(String code, PriorityPatch patch, String ifMatch, String actor) {
        Priority priority = lockCurrent(code, ifMatch);
        List<String> changed = patch.fieldNames();
        if (changed.isEmpty()) {
            return priority;
        }
        patch.applyTo(priority);
        priority.touch(PlanCalendar.now(clock));
        responses.invalidateOnCommit();
        outbox.write(
                PriorityEvents.UPDATED,
                priority.code,
                priority.version,
                PriorityEvents.PriorityChanged.of(priority, changed, null, actor));
        return priority;
    }

    /**
     * Archives a priority whose row the caller has locked (lockCurrent), after the caller has archived its
     * sub-items in the same transaction (catalogue's PriorityArchive): the priority's event comes last.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Priority archiveLocked(Priority priority, String reason, String actor) {
        priority.archivedAt = PlanCalendar.now(clock);
        priority.touch(priority.archivedAt);
        responses.invalidateOnCommit();
        outbox.write(
                PriorityEvents.ARCHIVED,
                priority.code,
                priority.version,
                PriorityEvents.PriorityChanged.of(priority, List.of(), reason, actor));
        return priority;
    }

    /** The active priority, locked for a change, if the If-Match names its current version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Priority lockCurrent(String code, String ifMatch) {
        Priority priority = Priority.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (priority == null) {
            throw ProblemException.notFound("No priority has the code '" + code + "'.");
        }
        if (priority.isArchived()) {
            throw new DomainException.WorkflowViolation("Priority " + code + " is archived: it takes no more changes.");
        }
        Preconditions.requireCurrent(ifMatch, priority.version, "priority");
        return priority;
    }
}
