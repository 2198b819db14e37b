package org.prioritytracker.system.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.clients.notification.ApiException;
import org.prioritytracker.clients.notification.ApiResponse;
import org.prioritytracker.clients.notification.api.DeadLettersApi;
import org.prioritytracker.clients.notification.api.EventsApi;
import org.prioritytracker.clients.notification.model.Entry;
import org.prioritytracker.clients.notification.model.EventPage;
import org.prioritytracker.system.support.SystemStack;

/** notification-service driven only through the Java client generated from its document. */
@ExtendWith(SystemStack.class)
class NotificationContractIT {

    private final DocumentedResponses documented = DocumentedResponses.of("notification-service");
    private final EventsApi events = new EventsApi(GeneratedClients.notification("viewer"));
    private final DeadLettersApi deadLetters = new DeadLettersApi(GeneratedClients.notification("ministry-admin"));

    @Test
    void thePublishedEventsPageAndTheNextFromItsCursor() throws ApiException {
        ApiResponse<EventPage> first = events.listEventsWithHttpInfo(null, 5, null, null);
        documented.assertDeclared("listEvents", first.getStatusCode());
        EventPage page = first.getData();
        assertNotNull(page.getNext(), "a page names the cursor to read on from");
        for (Object event : page.getEvents()) {
            assertTrue(
                    event instanceof Map<?, ?> fields
                            && fields.containsKey("position")
                            && fields.containsKey("specversion"),
                    "not a structured CloudEvent with its position: " + event);
        }

        ApiResponse<EventPage> next = events.listEventsWithHttpInfo(page.getNext(), 5, null, null);
        documented.assertDeclared("listEvents", next.getStatusCode());
        long cursor = Long.parseLong(page.getNext());
        for (Object event : next.getData().getEvents()) {
            long position = ((Number) ((Map<?, ?>) event).get("position")).longValue();
            assertTrue(position > cursor, "event at " + position + " on the page after " + cursor);
        }
    }

    @Test
    void theDeadLettersAreListed() throws ApiException {
        ApiResponse<List<Entry>> listed = deadLetters.listDeadLettersWithHttpInfo(true);
        documented.assertDeclared("listDeadLetters", listed.getStatusCode());
        assertNotNull(listed.getData());
        ApiException missing =
                assertThrows(ApiException.class, () -> deadLetters.getDeadLetterWithHttpInfo(Long.MAX_VALUE));
        documented.assertProblem(
                "getDeadLetter",
                missing.getCode(),
                404,
                missing.getResponseHeaders().map());
    }

    @Test
    void aLimitOutsideTheDocumentedRangeIsAProblemNamingIt() {
        ApiException refused =
                assertThrows(ApiException.class, () -> events.listEventsWithHttpInfo(null, 501, null, null));
        documented.assertProblem(
                "listEvents",
                refused.getCode(),
                400,
                refused.getResponseHeaders().map());
        DocumentedResponses.assertNamesField(refused.getResponseBody(), "limit");
        assertEquals(
                500,
                DocumentedResponses.read(DocumentedResponses.storedDocument("notification-service"))
                        .at("/paths/~1api~1events/get/parameters")
                        .findValue("maximum")
                        .asInt(),
                "the document states the range");
    }
}
