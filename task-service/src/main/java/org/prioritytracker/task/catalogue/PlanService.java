package org.prioritytracker.task.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.responsecache.ResponseCache;
import org.prioritytracker.task.item.ItemService;
import org.prioritytracker.task.item.NewItemRequest;
import org.prioritytracker.task.plan.Plan;
import org.prioritytracker.task.plan.PlanEvents;
import org.prioritytracker.task.priority.NewPriorityRequest;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.task.priority.PriorityService;
import org.prioritytracker.task.seed.SeedFiles.ItemSeed;
import org.prioritytracker.task.seed.SeedFiles.PrioritiesFile;
import org.prioritytracker.task.seed.SeedFiles.PrioritySeed;
import org.prioritytracker.time.PlanCalendar;

/** Starts plans: empty, for the ministry to fill, or whole from a file in the seed format. */
@ApplicationScoped
public class PlanService {

    private final PriorityService priorities;
    private final ItemService items;
    private final OutboxWriter outbox;
    private final ResponseCache responses;
    private final Clock clock;

    public PlanService(
            PriorityService priorities, ItemService items, OutboxWriter outbox, ResponseCache responses, Clock clock) {
        this.priorities = priorities;
        this.items = items;
        this.outbox = outbox;
        this.responses = responses;
        this.clock = clock;
    }

    @Transactional
    public Plan create(NewPlanRequest request, String actor) {
        Plan plan = insert(request.year(), request.titleZh(), request.titleEn());
        outbox.write(
                PlanEvents.CREATED,
                plan.eventSubject(),
                plan.version,
                new PlanEvents.PlanCreated(plan.year, plan.titleZh, plan.titleEn, 0, 0, actor, plan.version));
        return plan;
    }

    /**
     * Creates a plan with every priority and sub-item of a checked seed file, in one transaction: all
     * of it or nothing. Each row gets the code its place gives it, and its own event.
     */
    @Transactional
    public ImportResult importPlan(PrioritiesFile file, String actor) {
        PlanFileCheck.requireValid(file);
        Plan plan = insert(file.planYear(), file.planTitleZh(), file.planTitleEn());
        int itemCount = file.priorities().stream()
                .mapToInt(priority -> priority.items().size())
                .sum();
        outbox.write(
                PlanEvents.CREATED,
                plan.eventSubject(),
                plan.version,
                new PlanEvents.PlanCreated(
                        plan.year,
                        plan.titleZh,
                        plan.titleEn,
                        file.priorities().size(),
                        itemCount,
                        actor,
                        plan.version));
        for (PrioritySeed prioritySeed : file.priorities()) {
            Priority priority = priorities.addTo(
                    plan, new NewPriorityRequest(prioritySeed.titleZh(), prioritySeed.titleEn()), actor);
            for (ItemSeed item : prioritySeed.items()) {
                items.addFromPlanDocument(
                        priority,
                        new NewItemRequest(
                                item.titleZh(), item.titleEn(), item.sourceText(), null, null, item.dueDate()),
                        actor);
            }
        }
        return new ImportResult(
                PlanView.of(plan, Plan.currentYear(clock, plan.year)),
                file.priorities().size(),
                itemCount);
    }

    /** Inserts the plan, its row locked by this transaction; of two requests for one year the second is a 409. */
    private Plan insert(int year, String titleZh, String titleEn) {
        int inserted = Plan.getEntityManager()
                .createNativeQuery("""
                INSERT INTO plan (year, title_zh, title_en, version, updated_at) VALUES (?1, ?2, ?3, 1, ?4)
                ON CONFLICT (year) DO NOTHING""")
                .setParameter(1, year)
                .setParameter(2, titleZh.strip())
                .setParameter(3, titleEn.strip())
                .setParameter(4, PlanCalendar.now(clock))
                .executeUpdate();
        if (inserted == 0) {
            throw new DomainException.AlreadyExists(
                    "A plan for " + year + " exists already.", "year", "has a plan already");
        }
        responses.invalidateOnCommit();
        return Plan.findById(year);
    }
}
