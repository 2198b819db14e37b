package org.prioritytracker.task.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.task.item.ItemStatus.AT_RISK;
import static org.prioritytracker.task.item.ItemStatus.COMPLETED;
import static org.prioritytracker.task.item.ItemStatus.IN_PROGRESS;
import static org.prioritytracker.task.item.ItemStatus.NOT_STARTED;
import static org.prioritytracker.task.item.ItemStatus.SUSPENDED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ministry's workflow as a table: every move from every state, allowed or not, and when a reason is needed. */
@Tag("domain")
class ItemWorkflowTest {

    /** The moves of the workflow diagram in docs/api.md between states other than SUSPENDED (a suspended item's are below). */
    private static final Map<ItemStatus, Set<ItemStatus>> ALLOWED = Map.of(
            NOT_STARTED, EnumSet.of(IN_PROGRESS, SUSPENDED),
            IN_PROGRESS, EnumSet.of(AT_RISK, COMPLETED, SUSPENDED),
            AT_RISK, EnumSet.of(IN_PROGRESS, COMPLETED, SUSPENDED),
            COMPLETED, EnumSet.of(IN_PROGRESS));

    @Test
    void everyMoveBetweenUnsuspendedStatesIsAllowedExactlyAsTheDiagramSays() {
        int allowed = 0;
        for (ItemStatus from : ALLOWED.keySet()) {
            for (ItemStatus to : ItemStatus.values()) {
                boolean expected = ALLOWED.get(from).contains(to);
                assertEquals(expected, ItemWorkflow.allows(from, null, to), from + " -> " + to);
                allowed += expected ? 1 : 0;
            }
            assertEquals(ALLOWED.get(from), ItemWorkflow.nextStates(from, null), "next states of " + from);
        }
        assertEquals(9, allowed);
    }

    @ParameterizedTest
    @EnumSource(
            value = ItemStatus.class,
            names = {"NOT_STARTED", "IN_PROGRESS", "AT_RISK"})
    void aSuspendedItemResumesOnlyToTheStateItLeft(ItemStatus left) {
        for (ItemStatus to : ItemStatus.values()) {
            assertEquals(
                    to == left, ItemWorkflow.allows(SUSPENDED, left, to), "SUSPENDED (from " + left + ") -> " + to);
        }
        assertEquals(Set.of(left), ItemWorkflow.nextStates(SUSPENDED, left));
    }

    @Test
    void aSuspendedItemWithoutARecordOfWhereItCameFromGoesNowhere() {
        assertEquals(Set.of(), ItemWorkflow.nextStates(SUSPENDED, null));
        for (ItemStatus to : ItemStatus.values()) {
            assertEquals(false, ItemWorkflow.allows(SUSPENDED, null, to));
        }
    }

    @Test
    void aReasonIsRequiredForAtRiskSuspendedAndReopeningOnly() {
        for (ItemStatus from : ItemStatus.values()) {
            for (ItemStatus to : ItemStatus.values()) {
                boolean expected = to == AT_RISK || to == SUSPENDED || (from == COMPLETED && to == IN_PROGRESS);
                assertEquals(expected, ItemWorkflow.requiresReason(from, to), from + " -> " + to);
            }
        }
    }

    /** The diagram's 13 arrows: the 12 moves and the start in NOT_STARTED. */
    @Test
    void theWholeTableHasTwelveMoves() {
        int moves = 0;
        for (ItemStatus from : ItemStatus.values()) {
            Set<ItemStatus> leftFrom =
                    from == SUSPENDED ? EnumSet.of(NOT_STARTED, IN_PROGRESS, AT_RISK) : EnumSet.of(from);
            for (ItemStatus left : leftFrom) {
                moves += ItemWorkflow.nextStates(from, from == SUSPENDED ? left : null)
                        .size();
            }
        }
        assertEquals(12, moves);
    }
}
