package org.prioritytracker.notification.capture;

import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the captured events that arrive without a {@code sequence} (their writer left it to the
 * capture): 1, 2, 3... per (source, subject), in the order the log commits them, which is the order
 * the capture reads them in. A writer then needs no counter row that all its transactions lock until
 * they commit. The last numbers are committed to {@code event_number} before the events are
 * published, so a number is never given twice. An event the event log already holds (a redelivery
 * after a fault) keeps the number it was published with; one published but not yet logged when the
 * fault came is numbered anew, after the others: it repeats its {@code ce_id}, which consumers
 * deduplicate by, and the numbers still only increase.
 */
@ApplicationScoped
public class EventNumbers {

    /**
     * The numbers must be on disk before the events are on the topic (the event log's own writes do not
     * wait for the disk). And each look-up is planned for the table as it is now: a plan the connection
     * cached while {@code published_event} was nearly empty (no statistics yet, or none ever where
     * autovacuum is off) filtered the ids out of every event of the source, one more row per published
     * event for each batch.
     */
    private static final String TRANSACTION_SETTINGS =
            "SELECT set_config('synchronous_commit', 'on', true), set_config('plan_cache_mode', 'force_custom_plan', true)";

    private static final String LAST =
            "SELECT subject, last_sequence FROM event_number WHERE source = ? AND subject = ANY(?)";
    private static final String LOGGED = "SELECT id, sequence FROM published_event WHERE source = ? AND id = ANY(?)";
    private static final String SAVE = """
            INSERT INTO event_number (source, subject, last_sequence) VALUES (?, ?, ?)
            ON CONFLICT (source, subject) DO UPDATE SET last_sequence = GREATEST(event_number.last_sequence, EXCLUDED.last_sequence)""";

    private final AgroalDataSource dataSource;
    /** Last numbers known to be committed, per source and subject (one capture per source writes them). */
    private final Map<String, Map<String, Long>> committed = new ConcurrentHashMap<>();

    public EventNumbers(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The events in the same order, each with a number; the new last numbers are on disk when it returns. */
    public List<CloudEvent> number(List<CloudEvent> events) {
        Map<String, List<CloudEvent>> unnumberedBySource = new LinkedHashMap<>();
        for (CloudEvent event : events) {
            if (event.getExtension("sequence") == null) {
                unnumberedBySource
                        .computeIfAbsent(event.getSource().toString(), s -> new ArrayList<>())
                        .add(event);
            }
        }
        if (unnumberedBySource.isEmpty()) {
            return events;
        }
        Map<String, Long> numbers = new HashMap<>();
        Map<String, Map<String, Long>> lastBySource = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute(TRANSACTION_SETTINGS);
                for (Map.Entry<String, List<CloudEvent>> source : unnumberedBySource.entrySet()) {
                    Map<String, Long> last = new HashMap<>();
                    numbers.putAll(numberOneSource(connection, source.getKey(), source.getValue(), last));
                    lastBySource.put(source.getKey(), last);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot number " + events.size() + " captured events: " + e.getMessage(), e);
        }
        // Only once committed does memory move on: a failed batch is numbered again from the same place.
        lastBySource.forEach((source, last) -> committed
                .computeIfAbsent(source, s -> new ConcurrentHashMap<>())
                .putAll(last));
        List<CloudEvent> numbered = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            Long number = numbers.get(event.getId());
            numbered.add(
                    number == null
                            ? event
                            : CloudEventBuilder.v1(event)
                                    .withExtension("sequence", number)
                                    .build());
        }
        return numbered;
    }

    /** Forgets the numbers it holds in memory (a new process starts so); the next batch reads them again. */
    void forget() {
        committed.clear();
    }

    /** Numbers by event id; {@code last} receives each subject's new last number. */
    private Map<String, Long> numberOneSource(
            Connection connection, String source, List<CloudEvent> events, Map<String, Long> last) throws SQLException {
        Map<String, Long> logged = logged(connection, source, events);
        last.putAll(lastNumbers(connection, source, events));
        Map<String, Long> given = new HashMap<>();
        for (CloudEvent event : events) {
            Long earlier = logged.get(event.getId());
            long number = earlier != null ? earlier : last.getOrDefault(event.getSubject(), 0L) + 1;
            last.merge(event.getSubject(), number, Math::max);
            given.put(event.getId(), number);
        }
        try (PreparedStatement save = connection.prepareStatement(SAVE)) {
            for (Map.Entry<String, Long> subject : last.entrySet()) {
                save.setString(1, source);
                save.setString(2, subject.getKey());
                save.setLong(3, subject.getValue());
                save.addBatch();
            }
            save.executeBatch();
        }
        return given;
    }

    private Map<String, Long> lastNumbers(Connection connection, String source, List<CloudEvent> events)
            throws SQLException {
        Map<String, Long> known = committed.computeIfAbsent(source, s -> new ConcurrentHashMap<>());
        Map<String, Long> last = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (CloudEvent event : events) {
            Long number = known.get(event.getSubject());
            if (number != null) {
                last.put(event.getSubject(), number);
            } else if (!unknown.contains(event.getSubject())) {
                unknown.add(event.getSubject());
            }
        }
        if (!unknown.isEmpty()) {
            last.putAll(query(connection, LAST, source, unknown));
        }
        return last;
    }

    private static Map<String, Long> logged(Connection connection, String source, List<CloudEvent> events)
            throws SQLException {
        return query(
                connection,
                LOGGED,
                source,
                events.stream().map(CloudEvent::getId).toList());
    }

    private static Map<String, Long> query(Connection connection, String sql, String source, List<String> keys)
            throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("text", keys.toArray());
            query.setString(1, source);
            query.setArray(2, array);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return found;
    }
}
