package org.prioritytracker.notification.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads a captured outbox row (libs/outbox's table: id, source, type, subject, time, sequence, data,
 * extensions) back into the CloudEvent the writing service built, with the time its transaction
 * committed (from the log) as the event's time: the writer could only note when it wrote the row.
 */
final class OutboxRows {

    /** The type of the stand-in event for a row that holds no valid event; it goes straight to the dead letters. */
    static final String UNREADABLE = "tracker.outbox.unreadable-row";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> EXTENSIONS = new TypeReference<>() {};

    private OutboxRows() {}

    /** The event of an inserted (or snapshotted) row; empty for anything else the connector emits, such as heartbeats. */
    static Optional<CloudEvent> toEvent(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("after") == null) {
            return Optional.empty();
        }
        String operation = envelope.getString("op");
        Struct row = envelope.getStruct("after");
        if (row == null || !("c".equals(operation) || "r".equals(operation))) {
            return Optional.empty();
        }
        try {
            CloudEvent event = toEvent(row);
            // A row streamed from the log carries its transaction's commit time: that is the event's time.
            Optional<OffsetDateTime> committed = "c".equals(operation) ? commitTimeMicros(envelope) : Optional.empty();
            return Optional.of(committed
                    .map(time -> CloudEventBuilder.v1(event).withTime(time).build())
                    .orElse(event));
        } catch (RuntimeException e) {
            return Optional.of(unreadable(row, e));
        }
    }

    private static Optional<OffsetDateTime> commitTimeMicros(Struct envelope) {
        if (envelope.schema().field("source") == null
                || envelope.getStruct("source") == null
                || envelope.getStruct("source").schema().field("ts_us") == null) {
            return Optional.empty();
        }
        Long micros = envelope.getStruct("source").getInt64("ts_us");
        return micros == null
                ? Optional.empty()
                : Optional.of(OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    private static URI sourceOf(Object source) {
        try {
            return URI.create(source == null ? "/unknown" : source.toString());
        } catch (IllegalArgumentException e) {
            return URI.create("/unknown");
        }
    }

    /** When the row's transaction committed in its source database (Debezium's source.ts_us), in µs since the epoch, if known. */
    static Optional<Long> commitMicros(SourceRecord record) {
        if (record.value() instanceof Struct envelope
                && envelope.schema().field("source") != null
                && envelope.getStruct("source") != null
                && envelope.getStruct("source").schema().field("ts_us") != null) {
            return Optional.ofNullable(envelope.getStruct("source").getInt64("ts_us"));
        }
        return Optional.empty();
    }

    /** When the connector made the change record (the envelope's ts_us), in µs since the epoch, if known. */
    static Optional<Long> recordedMicros(SourceRecord record) {
        if (record.value() instanceof Struct envelope && envelope.schema().field("ts_us") != null) {
            return Optional.ofNullable(envelope.getInt64("ts_us"));
        }
        return Optional.empty();
    }

    static boolean isUnreadable(CloudEvent event) {
        return UNREADABLE.equals(event.getType());
    }

    /** @throws IllegalArgumentException when the row does not hold a valid event */
    static CloudEvent toEvent(Struct row) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(required(row, "id"))
                .withSource(URI.create(required(row, "source")))
                .withType(required(row, "type"))
                .withSubject(required(row, "subject"))
                .withTime(OffsetDateTime.parse(required(row, "time")))
                .withData("application/json", required(row, "data").getBytes(StandardCharsets.UTF_8));
        Long sequence = row.getInt64("sequence");
        if (sequence != null) {
            // Otherwise EventNumbers numbers it, in commit order.
            builder.withExtension("sequence", sequence);
        }
        String extensions = row.getString("extensions");
        if (extensions != null) {
            try {
                JSON.readValue(extensions, EXTENSIONS).forEach(builder::withExtension);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "extensions of outbox event " + row.get("id") + " are not a JSON object", e);
            }
        }
        return builder.build();
    }

    /**
     * A row that holds no valid event, wrapped so that it can go to the dead letters: its own id and
     * source where it has them, and the whole row as the data.
     */
    static CloudEvent unreadable(Struct row, Exception problem) {
        Object id = row.schema().field("id") == null ? null : row.get("id");
        Object source = row.schema().field("source") == null ? null : row.get("source");
        Object subject = row.schema().field("subject") == null ? null : row.get("subject");
        Map<String, String> content = Map.of("row", String.valueOf(row), "problem", String.valueOf(problem));
        try {
            return CloudEventBuilder.v1()
                    .withId(id == null ? UUID.randomUUID().toString() : id.toString())
                    .withSource(sourceOf(source))
                    .withType(UNREADABLE)
                    .withSubject(subject == null ? "unknown" : subject.toString())
                    .withTime(OffsetDateTime.now())
                    .withExtension("sequence", 0L)
                    .withData("application/json", JSON.writeValueAsBytes(content))
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot even describe outbox row " + row, e);
        }
    }

    private static String required(Struct row, String field) {
        Object value = row.get(field);
        if (value == null) {
            throw new IllegalArgumentException("outbox row without " + field);
        }
        return value.toString();
    }
}
