package org.prioritytracker.progress.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes CloudEvents 1.0 (structured JSON) to the outbox table, inside the caller's transaction:
 * the event exists if and only if the change it describes was committed.
 */
@ApplicationScoped
public class OutboxWriter {

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final Event<OutboxWritten> written;

    public OutboxWriter(EntityManager entityManager, ObjectMapper mapper, OutboxConfig config, Event<OutboxWritten> written) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
        this.written = written;
    }

    /**
     * @param sequence strictly increasing per subject (the item's version), so that consumers can
     *                 order and deduplicate one subject's events
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID write(String type, String subject, long sequence, OffsetDateTime time, Object data) {
        UUID id = UUID.randomUUID();
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", config.source())
                .put("type", type)
                .put("subject", subject)
                .put("time", DateTimeFormatter.ISO_INSTANT.format(time))
                .put("datacontenttype", "application/json")
                .put("sequence", sequence);
        event.set("data", mapper.valueToTree(data));
        try {
            entityManager.createNativeQuery(
                    "INSERT INTO outbox_event (id, subject, type, event) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb))")
                    .setParameter(1, id)
                    .setParameter(2, subject)
                    .setParameter(3, type)
                    .setParameter(4, mapper.writeValueAsString(event))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event " + type + " for " + subject, e);
        }
        written.fire(new OutboxWritten());
        return id;
    }
}
