package org.prioritytracker.notification.deadletter;

import io.cloudevents.CloudEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Roles;
import org.prioritytracker.notification.event.CloudEventJson;

/** What an operator does with events the broker refused for good: look at them, replay them, discard them. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = """
        Events the broker refused for good (too large for the topic, say). They never hold back the events after \
        them. Replay one once the cause is mended (the topic's max.message.bytes raised); a replayed event reaches \
        the topic after later events of its item.""")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.MINISTRY_ADMIN)
public class DeadLetterResource {

    private final DeadLetterStore store;
    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterStore store, DeadLetterReplay replay) {
        this.store = store;
        this.replay = replay;
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "Dead letters, oldest first (without the events themselves)")
    @APIResponse(responseCode = "200", description = "The dead letters")
    public List<DeadLetterStore.Entry> list(
            @Parameter(description = "Also those already replayed", schema = @Schema(type = SchemaType.BOOLEAN))
                    @QueryParam("all")
                    boolean all) {
        return store.list(all, 500);
    }

    @GET
    @Path("/{position}")
    @Produces("application/cloudevents+json")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter: the event as a structured CloudEvent")
    @APIResponse(responseCode = "200", description = "The event")
    @APIResponse(responseCode = "404", description = "No dead letter at this position")
    public String event(@PathParam("position") long position) {
        return CloudEventJson.write(find(position));
    }

    @POST
    @Path("/{position}/replay")
    @Operation(operationId = "replayDeadLetter", summary = "Publish a dead letter again, once")
    @APIResponse(responseCode = "200", description = "Published; the dead letter is marked replayed")
    @APIResponse(responseCode = "404", description = "No dead letter at this position")
    @APIResponse(responseCode = "422", description = "The broker refused it again; the reason says why")
    @APIResponse(responseCode = "503", description = "The broker did not answer; retry later")
    public Map<String, Object> replay(@PathParam("position") long position) throws InterruptedException {
        CloudEvent event = replay.replay(position);
        return Map.of("position", position, "id", event.getId(), "replayed", true);
    }

    @DELETE
    @Path("/{position}")
    @Operation(operationId = "discardDeadLetter", summary = "Discard a dead letter for good")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No dead letter at this position")
    public Response discard(@PathParam("position") long position) {
        if (!store.discard(position)) {
            throw DeadLetterReplay.notFound(position);
        }
        return Response.noContent().build();
    }

    private CloudEvent find(long position) {
        return store.event(position).orElseThrow(() -> DeadLetterReplay.notFound(position));
    }
}
