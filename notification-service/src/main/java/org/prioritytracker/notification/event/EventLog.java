package org.prioritytracker.notification.event;

import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import org.prioritytracker.notification.publish.EventPublisher.Published;

/**
 * Every event published to the topic, once per (source, id), for readers that catch up through
 * {@code GET /api/events} rather than Kafka. Written after the broker acknowledged the events, in one
 * batch per capture batch. The topic is the record; this is its copy for late joiners, so its commit
 * does not wait for the disk (a crash of PostgreSQL itself may lose the last few lines of the copy).
 * Each line keeps the record's partition and offset, so that an event stream resuming from a position
 * older than the stream engine's memory catches up from here.
 */
@ApplicationScoped
public class EventLog {

    private static final String INSERT = """
            INSERT INTO published_event (source, id, type, subject, province, time, sequence, event, topic_partition, topic_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
            ON CONFLICT (source, id) DO NOTHING""";

    private final AgroalDataSource dataSource;

    public EventLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(List<Published> published) {
        if (published.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement();
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                settings.execute("SET LOCAL synchronous_commit TO off");
                for (Published record : published) {
                    CloudEvent event = record.event();
                    Object province = event.getExtension("province");
                    insert.setString(1, event.getSource().toString());
                    insert.setString(2, event.getId());
                    insert.setString(3, event.getType());
                    insert.setString(4, event.getSubject());
                    insert.setString(5, province == null ? null : province.toString());
                    insert.setTimestamp(6, Timestamp.from(event.getTime().toInstant()));
                    insert.setLong(7, Long.parseLong(String.valueOf(event.getExtension("sequence"))));
                    insert.setString(8, CloudEventJson.write(event));
                    insert.setInt(9, record.partition());
                    insert.setLong(10, record.offset());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot note " + published.size() + " published events: " + e.getMessage(), e);
        }
    }
}
