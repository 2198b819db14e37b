package org.prioritytracker.notification.event;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.notification.problem.Problem;
import org.prioritytracker.notification.problem.ProblemException;
import org.prioritytracker.notification.security.Roles;

/** Where the services' outbox relays deliver their events. */
@Path("/internal/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Event intake", description = "Service-to-service delivery of CloudEvents from the outbox relays")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.EVENT_PUBLISHER)
public class EventIngestResource {

    static final String BATCH = "application/cloudevents-batch+json";
    static final String SINGLE = "application/cloudevents+json";
    static final int MAX_BATCH = 1000;
    private static final String EXAMPLE = """
            {"specversion": "1.0", "id": "9b0c9a4e-4a4f-4a55-9c6b-0e0b1c1d2e3f", "source": "/task-service",
             "type": "tracker.item.status-changed", "subject": "P3.2", "time": "2025-06-01T08:00:00Z",
             "datacontenttype": "application/json", "sequence": 2,
             "data": {"itemCode": "P3.2", "priorityCode": "P3", "from": "NOT_STARTED", "to": "IN_PROGRESS"}}""";

    private final EventStore store;

    public EventIngestResource(EventStore store) {
        this.store = store;
    }

    @POST
    @Consumes(BATCH)
    @Operation(summary = "Receive a batch of structured CloudEvents (JSON array)")
    @RequestBody(content = @Content(mediaType = BATCH, examples = @ExampleObject(name = "batch", value = "[" + EXAMPLE + "]")))
    @APIResponse(responseCode = "200", description = "All events are committed to this service's database",
            content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "An event lacks a required attribute; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestResult receiveBatch(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ProblemException.badRequest("body", "must be a JSON array of CloudEvents");
        }
        if (body.size() > MAX_BATCH) {
            throw ProblemException.badRequest("body", "must hold at most " + MAX_BATCH + " events");
        }
        List<JsonNode> events = new ArrayList<>();
        body.forEach(events::add);
        return store.store(events, true);
    }

    @POST
    @Consumes(SINGLE)
    @Operation(summary = "Receive one structured CloudEvent")
    @RequestBody(content = @Content(mediaType = SINGLE, examples = @ExampleObject(name = "event", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The event is committed to this service's database",
            content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "The event lacks a required attribute; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestResult receiveOne(JsonNode body) {
        return store.store(List.of(body == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body), false);
    }
}
