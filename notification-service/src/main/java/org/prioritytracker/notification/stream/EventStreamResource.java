package org.prioritytracker.notification.stream;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.notification.security.Caller;
import org.prioritytracker.notification.security.Roles;
import org.prioritytracker.problem.ProblemException;

@Path("/api/events/stream")
@Tag(name = "Event stream", description = "The status-change events as Server-Sent Events, read from the Kafka topic")
@SecurityRequirement(name = "jwt")
public class EventStreamResource {

    private final StreamConsumers consumers;
    private final Caller caller;

    public EventStreamResource(StreamConsumers consumers, Caller caller) {
        this.consumers = consumers;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.VIEWER, Roles.MINISTRY_ADMIN, Roles.MINISTRY_REVIEWER, Roles.PROVINCIAL_REPORTER})
    @Operation(summary = "Live events as they reach the topic", description = """
            Each message is one CloudEvent in JSON (structured mode); its SSE id is the stream's position in the \
            topic. Reconnecting with Last-Event-ID resumes right after that position, so nothing is missed. Without \
            it the stream starts with the next event. Browsers authenticate with the tracker_token cookie (an \
            EventSource cannot send an Authorization header); other clients may send a bearer token. A provincial \
            reporter receives item and priority events and its own province's report events only. The stream ends \
            with a 'token-expired' event when the token expires; reconnect with a fresh token and Last-Event-ID.""")
    @APIResponse(responseCode = "200", description = "The event stream")
    @APIResponse(responseCode = "400", description = "Last-Event-ID is not a position of this stream")
    @APIResponse(responseCode = "429", description = "The caller already holds as many streams as one caller may")
    @APIResponse(responseCode = "503", description = "This instance holds as many streams as it may")
    public Multi<OutboundSseEvent> stream(
            @Parameter(description = "Only events of this subject (item code)", example = "P3.2") @QueryParam("subject") String subject,
            @Parameter(description = "Only events of this type", example = "tracker.item.status-changed") @QueryParam("type") String type,
            @Parameter(description = "The id of the last event received, to resume after it") @HeaderParam("Last-Event-ID") String lastEventId,
            @Parameter(description = "The same as Last-Event-ID, for a client that opens a new stream and cannot set headers")
            @QueryParam("lastEventId") String lastEventIdParameter,
            @Context Sse sse) {
        StreamPosition from = StreamPosition.parse(lastEventId != null ? lastEventId : lastEventIdParameter);
        if (from == null) {
            throw ProblemException.badRequest("Last-Event-ID", "is not a position of this stream, such as 0:41,1:17");
        }
        return consumers.open(new StreamFilter(subject, type, caller.scope()), from, sse, caller.name(), caller.tokenExpiry());
    }
}
