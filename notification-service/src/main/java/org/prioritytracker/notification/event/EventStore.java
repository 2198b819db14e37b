package org.prioritytracker.notification.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.prioritytracker.notification.problem.Problem;
import org.prioritytracker.notification.problem.ProblemException;

/**
 * Stores received events once each, keyed by (source, id), all of a request or none of it.
 * A redelivered event is acknowledged without being stored again.
 */
@ApplicationScoped
public class EventStore {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Event<EventsStored> stored;

    public EventStore(EntityManager entityManager, ObjectMapper mapper, Event<EventsStored> stored) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.stored = stored;
    }

    /** Validates every event first: one invalid event rejects the whole request with each problem named. */
    @Transactional
    public IngestResult store(List<JsonNode> events, boolean batch) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CloudEventValidator.validate(events.get(i), batch ? "[" + i + "]." : "", errors);
        }
        if (!errors.isEmpty()) {
            String detail = (errors.size() == 1 ? "" : errors.size() + " problems, first: ")
                    + errors.get(0).field() + " " + errors.get(0).message() + ". Nothing of this request was stored.";
            throw new ProblemException(Problem.of(400, "Bad Request", detail, errors));
        }
        int added = 0;
        for (JsonNode event : events) {
            added += entityManager.createNativeQuery("""
                    INSERT INTO stored_event (source, id, type, subject, time, sequence, event)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb))
                    ON CONFLICT (source, id) DO NOTHING""")
                    .setParameter(1, event.get("source").asText())
                    .setParameter(2, event.get("id").asText())
                    .setParameter(3, event.get("type").asText())
                    .setParameter(4, event.get("subject").asText())
                    .setParameter(5, OffsetDateTime.parse(event.get("time").asText()))
                    .setParameter(6, CloudEventValidator.sequence(event.get("sequence")))
                    .setParameter(7, json(event))
                    .executeUpdate();
        }
        if (added > 0) {
            stored.fire(new EventsStored(added));
        }
        return new IngestResult(added, events.size() - added);
    }

    private String json(JsonNode event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
