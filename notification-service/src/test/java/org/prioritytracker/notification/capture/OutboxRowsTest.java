package org.prioritytracker.notification.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A captured outbox row, as Debezium's PostgreSQL connector hands it over, back into its CloudEvent. */
@Tag("domain")
class OutboxRowsTest {

    private static final Schema ROW = SchemaBuilder.struct()
            .field("position", Schema.INT64_SCHEMA)
            .field("id", Schema.STRING_SCHEMA)
            .field("source", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field("subject", Schema.STRING_SCHEMA)
            .field("time", Schema.STRING_SCHEMA)
            .field("sequence", Schema.INT64_SCHEMA)
            .field("data", Schema.STRING_SCHEMA)
            .field("extensions", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .optional()
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anInsertedRowIsTheEventItsServiceBuilt() throws Exception {
        CloudEvent event = OutboxRows.toEvent(record("c", row("{\"province\": \"130000\"}")))
                .orElseThrow();
        assertEquals("5b1f6f4e-6f0b-4f43-9c1a-2b9ae0b1d3c4", event.getId());
        assertEquals("/progress-service", event.getSource().toString());
        assertEquals("tracker.report.submitted", event.getType());
        assertEquals("P3.2", event.getSubject());
        assertEquals(
                OffsetDateTime.parse("2025-06-01T08:00:00.123456Z").toInstant(),
                event.getTime().toInstant());
        assertEquals(7L, event.getExtension("sequence"));
        assertEquals("130000", event.getExtension("province"));
        assertEquals("application/json", event.getDataContentType());
        assertEquals(
                45.5,
                json.readTree(event.getData().toBytes()).get("percentComplete").asDouble());
    }

    @Test
    void aRowFromTheLogTakesItsTransactionsCommitTimeAsTheEventTime() {
        Struct envelope = new Struct(ENVELOPE)
                .put("after", row("{}"))
                .put("op", "c")
                .put("source", new Struct(SOURCE).put("ts_ms", 1748764800125L).put("ts_us", 1748764800125300L))
                .put("ts_us", 1748764800127900L);
        SourceRecord streamed = new SourceRecord(Map.of(), Map.of(), "t", ENVELOPE, envelope);
        CloudEvent event = OutboxRows.toEvent(streamed).orElseThrow();
        assertEquals(
                OffsetDateTime.parse("2025-06-01T08:00:00.1253Z").toInstant(),
                event.getTime().toInstant());
        assertEquals(Optional.of(1748764800125300L), OutboxRows.commitMicros(streamed));
        assertEquals(
                Optional.of(1748764800127900L),
                OutboxRows.recordedMicros(streamed),
                "when the connector made the record");

        // A snapshotted row was committed long ago: it keeps the time it was written.
        Struct snapshot = new Struct(ENVELOPE)
                .put("after", row("{}"))
                .put("op", "r")
                .put("source", new Struct(SOURCE).put("ts_ms", 1748764800125L).put("ts_us", 1748764800125300L));
        assertEquals(
                OffsetDateTime.parse("2025-06-01T08:00:00.123456Z").toInstant(),
                OutboxRows.toEvent(new SourceRecord(Map.of(), Map.of(), "t", ENVELOPE, snapshot))
                        .orElseThrow()
                        .getTime()
                        .toInstant());
        assertEquals(Optional.empty(), OutboxRows.commitMicros(record("c", row("{}"))));
        assertEquals(Optional.empty(), OutboxRows.recordedMicros(record("c", row("{}"))));
    }

    @Test
    void aSnapshottedRowCountsAsInserted() {
        assertTrue(OutboxRows.toEvent(record("r", row("{}"))).isPresent());
        assertTrue(OutboxRows.toEvent(record("c", row(null))).isPresent(), "no extensions");
    }

    @Test
    void updatesDeletesAndHeartbeatsAreNoEvents() {
        assertEquals(Optional.empty(), OutboxRows.toEvent(record("u", row("{}"))));
        Struct deleted = new Struct(ENVELOPE).put("before", row("{}")).put("op", "d");
        assertEquals(
                Optional.empty(), OutboxRows.toEvent(new SourceRecord(Map.of(), Map.of(), "t", ENVELOPE, deleted)));
        Schema heartbeat =
                SchemaBuilder.struct().field("ts_ms", Schema.INT64_SCHEMA).build();
        assertEquals(
                Optional.empty(),
                OutboxRows.toEvent(new SourceRecord(
                        Map.of(),
                        Map.of(),
                        "__debezium-heartbeat",
                        heartbeat,
                        new Struct(heartbeat).put("ts_ms", 1L))));
        assertEquals(Optional.empty(), OutboxRows.toEvent(new SourceRecord(Map.of(), Map.of(), "t", null, null)));
    }

    @Test
    void aRowThatHoldsNoValidEventBecomesAStandInForTheDeadLetters() throws Exception {
        CloudEvent standIn =
                OutboxRows.toEvent(record("c", row("[\"not\", \"an object\"]"))).orElseThrow();
        assertTrue(OutboxRows.isUnreadable(standIn));
        assertEquals("5b1f6f4e-6f0b-4f43-9c1a-2b9ae0b1d3c4", standIn.getId(), "keeps the row's own id");
        assertEquals("/progress-service", standIn.getSource().toString());
        assertEquals("P3.2", standIn.getSubject());
        assertTrue(json.readTree(standIn.getData().toBytes())
                .get("problem")
                .asText()
                .contains("not a JSON object"));

        Struct badTime = row("{}").put("time", "yesterday");
        assertTrue(
                OutboxRows.isUnreadable(OutboxRows.toEvent(record("c", badTime)).orElseThrow()));
        Struct badSource = row("{}").put("source", "not a uri with spaces");
        assertTrue(OutboxRows.isUnreadable(
                OutboxRows.toEvent(record("c", badSource)).orElseThrow()));
        assertTrue(!OutboxRows.isUnreadable(
                OutboxRows.toEvent(record("c", row("{}"))).orElseThrow()));
    }

    private static Struct row(String extensions) {
        return new Struct(ROW)
                .put("position", 12L)
                .put("id", "5b1f6f4e-6f0b-4f43-9c1a-2b9ae0b1d3c4")
                .put("source", "/progress-service")
                .put("type", "tracker.report.submitted")
                .put("subject", "P3.2")
                .put("time", "2025-06-01T08:00:00.123456Z")
                .put("sequence", 7L)
                .put("data", "{\"itemCode\": \"P3.2\", \"percentComplete\": 45.5}")
                .put("extensions", extensions);
    }

    private static SourceRecord record(String operation, Struct row) {
        Struct envelope = new Struct(ENVELOPE).put("after", row).put("op", operation);
        return new SourceRecord(
                Map.of("server", "outbox-progress"),
                Map.of("lsn", 1L),
                "outbox-progress.public.outbox_event",
                ENVELOPE,
                envelope);
    }
}
