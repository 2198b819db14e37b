package org.prioritytracker.task.item;

import static org.prioritytracker.task.item.ItemStatus.AT_RISK;
import static org.prioritytracker.task.item.ItemStatus.COMPLETED;
import static org.prioritytracker.task.item.ItemStatus.IN_PROGRESS;
import static org.prioritytracker.task.item.ItemStatus.NOT_STARTED;
import static org.prioritytracker.task.item.ItemStatus.SUSPENDED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ministry's status workflow for sub-items:
 * <pre>
 * NOT_STARTED -> IN_PROGRESS
 * IN_PROGRESS <-> AT_RISK
 * IN_PROGRESS | AT_RISK -> COMPLETED
 * COMPLETED -> IN_PROGRESS                      (reopen)
 * NOT_STARTED | IN_PROGRESS | AT_RISK -> SUSPENDED -> back to the state it left
 * </pre>
 * A reason is required for moving to AT_RISK or SUSPENDED and for reopening.
 */
public final class ItemWorkflow {

    private static final Map<ItemStatus, Set<ItemStatus>> MOVES = Map.of(
            NOT_STARTED, EnumSet.of(IN_PROGRESS, SUSPENDED),
            IN_PROGRESS, EnumSet.of(AT_RISK, COMPLETED, SUSPENDED),
            AT_RISK, EnumSet.of(IN_PROGRESS, COMPLETED, SUSPENDED),
            COMPLETED, EnumSet.of(IN_PROGRESS),
            SUSPENDED, EnumSet.noneOf(ItemStatus.class));

    private ItemWorkflow() {}

    /** The states an item may move to next; a suspended item only back to the state it left. */
    public static Set<ItemStatus> nextStates(ItemStatus current, ItemStatus suspendedFrom) {
        if (current == SUSPENDED) {
            return suspendedFrom == null ? Set.of() : EnumSet.of(suspendedFrom);
        }
        return MOVES.get(current);
    }

    public static boolean allows(ItemStatus current, ItemStatus suspendedFrom, ItemStatus to) {
        return nextStates(current, suspendedFrom).contains(to);
    }

    public static boolean requiresReason(ItemStatus from, ItemStatus to) {
        return to == AT_RISK || to == SUSPENDED || (from == COMPLETED && to == IN_PROGRESS);
    }
}
