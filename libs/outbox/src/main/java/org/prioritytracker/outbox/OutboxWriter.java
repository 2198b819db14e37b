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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    /** An event to write: its type, its data and further extension attributes (lower-case names). */
    public record Draft(String type, Object data, Map<String, String> extensions) {}

    private final Map<Integer, String> unnumberedInserts = new ConcurrentHashMap<>();
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
     * @param sequence   strictly increasing per subject, so that consumers can order one subject's
     *                   events (see also {@link #writeInCommitOrder}, which leaves the numbering to the capture)
     * @param extensions further CloudEvents extension attributes (lower-case names), for example the
     *                   province a report event belongs to
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEvent write(String type, String subject, long sequence, Object data, Map<String, String> extensions) {
        // The change is written first, so that the event's time is as close to the commit as it can be.
        entityManager.flush();
        byte[] json = eventData(type, subject, data);
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
        entityManager
                .createNativeQuery(INSERT)
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

    /**
     * Writes one subject's events, in their order, without numbers: the capture (notification-service)
     * numbers each subject's events in the order the log commits them, so no writer holds a lock on a
     * counter that every writer of the subject shares until its commit. One statement for all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeInCommitOrder(String subject, List<Draft> drafts) {
        writeInCommitOrder(List.of(new SubjectEvents(subject, drafts)));
    }

    /** One subject's events, in their order. */
    public record SubjectEvents(String subject, List<Draft> drafts) {}

    /**
     * As {@link #writeInCommitOrder(String, List)} for the events of several subjects (the changes of
     * one transaction that touched several), in one statement: rows are logged in the order given.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeInCommitOrder(List<SubjectEvents> subjects) {
        int count = subjects.stream().mapToInt(events -> events.drafts().size()).sum();
        if (count == 0) {
            return;
        }
        var insert = entityManager.createNativeQuery(unnumberedInsert(count)).setParameter(1, source.toString());
        OffsetDateTime time = PlanCalendar.now(clock);
        int parameter = 2;
        for (SubjectEvents events : subjects) {
            for (Draft draft : events.drafts()) {
                byte[] data = eventData(draft.type(), events.subject(), draft.data());
                insert.setParameter(parameter++, UUID.randomUUID())
                        .setParameter(parameter++, draft.type())
                        .setParameter(parameter++, events.subject())
                        .setParameter(parameter++, time)
                        .setParameter(parameter++, new String(data, StandardCharsets.UTF_8))
                        .setParameter(parameter++, new String(json(draft.extensions()), StandardCharsets.UTF_8));
            }
        }
        insert.executeUpdate();
    }

    private String unnumberedInsert(int count) {
        return unnumberedInserts.computeIfAbsent(count, OutboxWriter::unnumberedInsertStatement);
    }

    /**
     * The statement for n events without numbers, their rows in the order given (the log keeps it):
     * ?1 the source, then six parameters per event (id, type, subject, time, data, extensions). Public
     * for the benchmark's floor (bench/sql/submission.sql), which must run it as written here.
     */
    public static String unnumberedInsertStatement(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int first = 2 + 6 * i;
            rows.append(i == 0 ? "" : ", ")
                    .append("(CAST(?")
                    .append(first)
                    .append(" AS uuid), ?1, CAST(?")
                    .append(first + 1)
                    .append(" AS text), CAST(?")
                    .append(first + 2)
                    .append(" AS text), CAST(?")
                    .append(first + 3)
                    .append(" AS timestamptz), NULL, CAST(?")
                    .append(first + 4)
                    .append(" AS jsonb), CAST(?")
                    .append(first + 5)
                    .append(" AS jsonb))");
        }
        return "INSERT INTO outbox_event (id, source, type, subject, time, sequence, data, extensions) VALUES " + rows;
    }

    /** The event's data as JSON, refused when larger than the topic takes. */
    private byte[] eventData(String type, String subject, Object data) {
        byte[] json = json(data);
        if (json.length > config.maxDataBytes()) {
            throw new OversizedEventException(type, subject, json.length, config.maxDataBytes());
        }
        return json;
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write event data as JSON", e);
        }
    }
}
