package org.prioritytracker.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.notification.security.EventScope;
import org.prioritytracker.problem.ProblemException;

/** Catch-up paging for late joiners: every stored event in the order received. */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events", description = "The stored events, for catching up")
@SecurityRequirement(name = "jwt")
public class EventQueryResource {

    private static final int MAX_LIMIT = 500;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Caller caller;

    public EventQueryResource(EntityManager entityManager, ObjectMapper mapper, Caller caller) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({
        Roles.VIEWER,
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER
    })
    @Operation(operationId = "listEvents", summary = "Stored events after a cursor, oldest first", description = """
            A provincial reporter sees item and priority events and its own province's report events only; \
            the ministry's roles and viewers see every event.""")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor to continue from")
    @APIResponse(responseCode = "400", description = "after or limit is invalid")
    public EventPage list(
            @Parameter(
                            description = "Cursor: the 'next' of the previous page; 0 or absent from the start",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{1,19}$"))
                    @QueryParam("after")
                    String after,
            @Parameter(
                            description = "1 to 500, default 100",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "500",
                                            defaultValue = "100"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "Only this subject (item code)", example = "P3.2") @QueryParam("subject")
                    String subject,
            @Parameter(description = "Only this type", example = "tracker.item.status-changed") @QueryParam("type")
                    String type) {
        long cursor = number("after", after, 0, Long.MAX_VALUE, 0);
        int size = (int) number("limit", limit, 1, MAX_LIMIT, 100);
        EventScope scope = EventScope.of(caller);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                SELECT position, CAST(event AS text) FROM published_event
                WHERE position > ?1 AND (CAST(?2 AS text) IS NULL OR subject = ?2) AND (CAST(?3 AS text) IS NULL OR type = ?3)
                  AND (CAST(?5 AS text) IS NULL OR province = ?5 OR (province IS NULL AND source <> ?6))
                ORDER BY position LIMIT ?4""")
                .setParameter(1, cursor)
                .setParameter(2, blankToNull(subject))
                .setParameter(3, blankToNull(type))
                .setParameter(4, size)
                .setParameter(5, scope.province())
                .setParameter(6, EventScope.REPORT_SOURCE)
                .getResultList();
        List<JsonNode> events = new ArrayList<>(rows.size());
        long next = cursor;
        for (Object[] row : rows) {
            next = ((Number) row[0]).longValue();
            events.add(withPosition((String) row[1], next));
        }
        return new EventPage(events, Long.toString(next));
    }

    private JsonNode withPosition(String json, long position) {
        try {
            ObjectNode event = (ObjectNode) mapper.readTree(json);
            event.put("position", position);
            return event;
        } catch (IOException e) {
            throw new IllegalStateException("Stored event " + position + " is not JSON", e);
        }
    }

    private static long number(String name, String raw, long min, long max, long fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(name, "must be a whole number from " + min + " to " + max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
