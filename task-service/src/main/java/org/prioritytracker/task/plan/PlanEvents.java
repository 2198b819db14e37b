package org.prioritytracker.task.plan;

/** The {@code data} of the events task-service publishes about plans (see docs/events.md). */
public final class PlanEvents {

    public static final String CREATED = "tracker.plan.created";

    private PlanEvents() {}

    /** A new plan; an imported one says how many priorities and sub-items came with it (their own events follow). */
    public record PlanCreated(
            int year, String titleZh, String titleEn, int priorities, int items, String actor, long version) {}
}
