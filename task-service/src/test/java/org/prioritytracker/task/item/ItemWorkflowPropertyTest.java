package org.prioritytracker.task.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Random sequences of requested moves against a small model of the workflow: the service's rules
 * (allowed, next states, reason, where a suspended item returns to) must agree with the model at
 * every step, and an item never leaves the five states.
 */
@Tag("domain")
class ItemWorkflowPropertyTest {

    /** The model: an item's state and, while suspended, the state it left. */
    private record Model(ItemStatus status, ItemStatus suspendedFrom) {

        boolean allows(ItemStatus to) {
            return switch (status) {
                case NOT_STARTED -> to == ItemStatus.IN_PROGRESS || to == ItemStatus.SUSPENDED;
                case IN_PROGRESS ->
                    to == ItemStatus.AT_RISK || to == ItemStatus.COMPLETED || to == ItemStatus.SUSPENDED;
                case AT_RISK ->
                    to == ItemStatus.IN_PROGRESS || to == ItemStatus.COMPLETED || to == ItemStatus.SUSPENDED;
                case COMPLETED -> to == ItemStatus.IN_PROGRESS;
                case SUSPENDED -> to == suspendedFrom;
            };
        }

        Model move(ItemStatus to) {
            return new Model(to, to == ItemStatus.SUSPENDED ? status : null);
        }
    }

    @Property(tries = 2000)
    void theWorkflowAgreesWithItsModelAlongAnySequenceOfRequests(@ForAll("requests") List<ItemStatus> requests) {
        Model model = new Model(ItemStatus.NOT_STARTED, null);
        for (ItemStatus to : requests) {
            boolean allowed = ItemWorkflow.allows(model.status(), model.suspendedFrom(), to);
            assertEquals(model.allows(to), allowed, model + " -> " + to);
            assertEquals(
                    allowed,
                    ItemWorkflow.nextStates(model.status(), model.suspendedFrom())
                            .contains(to));
            if (allowed) {
                boolean reopening = model.status() == ItemStatus.COMPLETED;
                assertEquals(
                        to == ItemStatus.AT_RISK || to == ItemStatus.SUSPENDED || reopening,
                        ItemWorkflow.requiresReason(model.status(), to),
                        model + " -> " + to);
                model = model.move(to);
            }
        }
    }

    @Provide
    Arbitrary<List<ItemStatus>> requests() {
        return Arbitraries.of(ItemStatus.class).list().ofMinSize(1).ofMaxSize(40);
    }
}
