package org.prioritytracker.notification.capture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.testsupport.TestBrokerResource;

/** Numbering captured events costs the same however many events the event log holds. */
@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class EventNumbersTest {

    private static final String LOOKUP_INDEX = "published_event_source_id_key";
    private static final int LOGGED_EVENTS = 20_000;
    private static final int BATCHES = 5;
    private static final int BATCH_SIZE = 20;

    @Inject
    EventNumbers numbers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchLooksUpItsOwnIdsNotEveryEventOfItsSource() throws Exception {
        String source = "/test-numbers-" + UUID.randomUUID();
        // A young event log without statistics, as in the first minute after a deployment (or for good
        // where autovacuum is off): the look-ups that follow are planned, and their plans cached by the
        // pooled connections, for a table of a few hundred rows.
        execute("TRUNCATE published_event");
        try {
            logEvents(source, "young-", 300);
            for (int i = 0; i < 30; i++) {
                numbers.number(batch(source, 12));
            }
            logEvents(source, "grown-", LOGGED_EVENTS);

            IndexReads before = indexReads();
            for (int i = 0; i < BATCHES; i++) {
                List<CloudEvent> numbered = numbers.number(batch(source, BATCH_SIZE));
                assertEquals(BATCH_SIZE, numbered.size());
            }
            // PostgreSQL publishes a backend's counters when it goes idle, within seconds.
            IndexReads after = await().atMost(Duration.ofSeconds(30))
                    .until(this::indexReads, reads -> reads.scans() - before.scans() >= BATCHES);

            long entriesRead = after.entries() - before.entries();
            // New ids are in no entry: the look-ups read none, where a scan of the source reads every one.
            assertTrue(entriesRead < LOGGED_EVENTS, entriesRead + " index entries read for " + BATCHES + " batches");
        } finally {
            execute("DELETE FROM published_event WHERE source = ?", source);
            execute("DELETE FROM event_number WHERE source = ?", source);
        }
    }

    private static List<CloudEvent> batch(String source, int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> (CloudEvent) CloudEventBuilder.v1()
                        .withId(UUID.randomUUID().toString())
                        .withSource(URI.create(source))
                        .withType("tracker.report.submitted")
                        .withSubject("numbers-test-" + (i % 3))
                        .withTime(OffsetDateTime.now())
                        .build())
                .toList();
    }

    private void logEvents(String source, String idPrefix, int count) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO published_event (source, id, type, subject, time, sequence, event)
                        SELECT ?, ? || n, 'tracker.report.submitted', 'numbers-test', now(), n, '{}'
                        FROM generate_series(1, ?) AS n""")) {
            insert.setString(1, source);
            insert.setString(2, idPrefix);
            insert.setInt(3, count);
            insert.executeUpdate();
        }
    }

    private IndexReads indexReads() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT idx_scan, idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = ?")) {
            query.setString(1, LOOKUP_INDEX);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new IndexReads(row.getLong(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private record IndexReads(long scans, long entries) {}
}
