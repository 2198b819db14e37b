package org.prioritytracker.task.plan;

/**
 * How a plan names its priorities and sub-items. Codes stay unique across plans: the 2025 plan keeps
 * the codes it was published with (P1..P8, P1.1..), every other plan prefixes its year (2026-P1,
 * 2026-P1.1). The number after P is the priority's place in its plan, the one after the dot the
 * sub-item's place in its priority; codes are never reused, archived rows keep theirs.
 */
public final class PlanCodes {

    /** The plan whose codes carry no year: it was published before there were other plans. */
    public static final int UNPREFIXED_YEAR = 2025;
    /** Codes must fit task-service's and progress-service's columns: 2026-P99, 2026-P99.999. */
    public static final int MAX_PRIORITIES = 99;

    public static final int MAX_ITEMS = 999;

    private PlanCodes() {}

    public static String priorityCode(int planYear, int position) {
        return (planYear == UNPREFIXED_YEAR ? "" : planYear + "-") + "P" + position;
    }

    public static String itemCode(String priorityCode, int position) {
        return priorityCode + "." + position;
    }
}
