package org.prioritytracker.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.prioritytracker.time.PlanCalendar;

/**
 * Writes a CloudEvent 1.0 to the outbox table inside the caller's transaction: the event exists
 * exactly when the change it describes was committed. notification-service captures the insert from
 * the write-ahead log and publishes it; nothing in the writing service delivers anything.
 */
@ApplicationScoped
public class OutboxWriter {

    static final String INSERT = """
            INSERT INTO outbox_event (id, source, type, subject, time, sequence, data, extensions)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), CAST(?8 AS jsonb))""";

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final Clock clock;
    private final URI source;

    public OutboxWriter(EntityManager entityManager, ObjectMapper mapper, OutboxConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.config = config;
        this.clock = clock;
        this.source = URI.create(config.source());
    }

    /** @see #write(String, String, long, Object, Map) */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent write(String type, String subject, long sequence, Object data) {
        return write(type, subject, sequence, data, Map.of());
    }

    /**
     * @param sequence   strictly increasing per subject, so that consumers can order and deduplicate
     *                   one subject's events
     * @param extensions further CloudEvents extension attributes (lower-case names), for example the
     *                   province a report event belongs to
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent write(String type, String subject, long sequence, Object data, Map<String, String> extensions) {
        // The change is written first, so that the event's time is as close to the commit as it can be.
        entityManager.flush();
        byte[] json = json(data);
        if (json.length > config.maxDataBytes()) {
            throw new OversizedEventException(type, subject, json.length, config.maxDataBytes());
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(PlanCalendar.now(clock))
                .withDataContentType("application/json")
                .withExtension("sequence", sequence)
                .withData(json);
        extensions.forEach(builder::withExtension);
        CloudEvent event = builder.build();
        entityManager.createNativeQuery(INSERT)
                .setParameter(1, UUID.fromString(event.getId()))
                .setParameter(2, event.getSource().toString())
                .setParameter(3, event.getType())
                .setParameter(4, event.getSubject())
                .setParameter(5, event.getTime())
                .setParameter(6, sequence)
                .setParameter(7, new String(json, StandardCharsets.UTF_8))
                .setParameter(8, new String(json(extensions), StandardCharsets.UTF_8))
                .executeUpdate();
        return event;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event data as JSON", e);
        }
    }
}
