package org.prioritytracker.system.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.clients.task.ApiException;
import org.prioritytracker.clients.task.ApiResponse;
import org.prioritytracker.clients.task.api.ItemsApi;
import org.prioritytracker.clients.task.api.PrioritiesApi;
import org.prioritytracker.clients.task.model.Item;
import org.prioritytracker.clients.task.model.ItemPage;
import org.prioritytracker.clients.task.model.ItemStatus;
import org.prioritytracker.clients.task.model.Priority;
import org.prioritytracker.clients.task.model.TransitionRequest;
import org.prioritytracker.system.support.SystemStack;

/** task-service driven only through the Java client generated from its document. */
@ExtendWith(SystemStack.class)
class TaskContractIT {

    /** No other system test moves this item. */
    private static final String ITEM = "P5.3";

    private final DocumentedResponses documented = DocumentedResponses.of("task-service");
    private final PrioritiesApi priorities = new PrioritiesApi(GeneratedClients.task("viewer"));
    private final ItemsApi items = new ItemsApi(GeneratedClients.task("viewer"));
    private final ItemsApi ministry = new ItemsApi(GeneratedClients.task("ministry-admin"));

    @Test
    void theCatalogueListsThePrioritiesAndTheirItems() throws ApiException {
        ApiResponse<List<Priority>> listed = priorities.listPrioritiesWithHttpInfo(null);
        String etag = documented.header("listPriorities", listed.getStatusCode(), listed.getHeaders(), "ETag");
        assertFalse(listed.getData().isEmpty(), "no priorities");

        ApiException unchanged = assertThrows(ApiException.class, () -> priorities.listPriorities(etag));
        assertEquals(304, unchanged.getCode(), unchanged.getResponseBody());
        documented.assertDeclared("listPriorities", 304);

        ApiResponse<ItemPage> page = items.listItemsWithHttpInfo(null, null, 0, 2025, "P5", 50, null, null);
        documented.assertDeclared("listItems", page.getStatusCode());
        assertTrue(
                page.getData().getItems().stream().anyMatch(item -> ITEM.equals(item.getCode())),
                ITEM + " is not among " + page.getData().getItems());
    }

    @Test
    void aTransitionSendsTheItemsETagInIfMatchAndAnswersTheNextOne() {
        // The overdue check may change the item between the read and the move: read again then (412).
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(this::tryTransition, Optional::isPresent);
    }

    @Test
    void aTransitionWithoutIfMatchOrWithAStaleOneIsRefusedAsDocumented() {
        TransitionRequest request =
                new TransitionRequest().to(ItemStatus.AT_RISK).reason("contract test: refused");
        ApiException missing =
                assertThrows(ApiException.class, () -> ministry.transitionItemWithHttpInfo(ITEM, request, null));
        documented.assertProblem(
                "transitionItem",
                missing.getCode(),
                428,
                missing.getResponseHeaders().map());

        ApiException stale =
                assertThrows(ApiException.class, () -> ministry.transitionItemWithHttpInfo(ITEM, request, "\"0\""));
        documented.assertProblem(
                "transitionItem",
                stale.getCode(),
                412,
                stale.getResponseHeaders().map());
    }

    @Test
    void aValueTheDocumentForbidsIsAProblemNamingTheField() {
        TransitionRequest tooLong =
                new TransitionRequest().to(ItemStatus.AT_RISK).reason("x".repeat(2001));
        ApiException refused =
                assertThrows(ApiException.class, () -> ministry.transitionItemWithHttpInfo(ITEM, tooLong, "\"1\""));
        documented.assertProblem(
                "transitionItem",
                refused.getCode(),
                400,
                refused.getResponseHeaders().map());
        DocumentedResponses.assertNamesField(refused.getResponseBody(), "reason");
    }

    /** One read and move of the item; empty when it changed in between. */
    private Optional<Item> tryTransition() throws ApiException {
        ApiResponse<Item> current = ministry.getItemWithHttpInfo(ITEM);
        String etag = documented.header("getItem", current.getStatusCode(), current.getHeaders(), "ETag");
        Set<ItemStatus> next = current.getData().getNextStates();
        ItemStatus to = next.contains(ItemStatus.AT_RISK)
                ? ItemStatus.AT_RISK
                : next.contains(ItemStatus.IN_PROGRESS)
                        ? ItemStatus.IN_PROGRESS
                        : next.iterator().next();
        try {
            ApiResponse<Item> moved = ministry.transitionItemWithHttpInfo(
                    ITEM, new TransitionRequest().to(to).reason("contract test"), etag);
            String movedTag = documented.header("transitionItem", moved.getStatusCode(), moved.getHeaders(), "ETag");
            assertEquals(to, moved.getData().getStatus());
            assertNotEquals(etag, movedTag, "the move did not change the item's ETag");
            return Optional.of(moved.getData());
        } catch (ApiException e) {
            if (e.getCode() == 412) {
                documented.assertProblem(
                        "transitionItem",
                        e.getCode(),
                        412,
                        e.getResponseHeaders().map());
                return Optional.empty();
            }
            throw e;
        }
    }
}
