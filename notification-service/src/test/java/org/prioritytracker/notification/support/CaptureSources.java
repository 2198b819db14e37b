package org.prioritytracker.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.prioritytracker.testsupport.Scripts;

/**
 * The two source databases the service under test captures (capture_tasks_test and
 * capture_progress_test, as the test profile names them): created anew for each run with
 * libs/outbox's table and publication, exactly as task-service and progress-service migrate theirs.
 * Tests write outbox rows into them as those services would.
 */
public class CaptureSources implements QuarkusTestResourceLifecycleManager {

    public static final String TASKS = "capture_tasks_test";
    public static final String PROGRESS = "capture_progress_test";

    @Override
    public Map<String, String> start() {
        Scripts.run(
                "database",
                List.of("recreate", TASKS, PROGRESS),
                Map.of(),
                Scripts.ROOT.resolve("target/test-databases.log"));
        for (String database : List.of(TASKS, PROGRESS)) {
            Flyway.configure()
                    .dataSource(url(database), database, database + "-local")
                    .locations("filesystem:"
                            + Scripts.ROOT.resolve(
                                    Path.of("libs", "outbox", "src", "main", "resources", "db", "outbox")))
                    .placeholders(Map.of("cdcRole", "tracker_cdc"))
                    .load()
                    .migrate();
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // The databases stay for inspection; the next run creates them anew.
    }

    /** One outbox row as libs/outbox writes it. */
    /** @param sequence null where the writer leaves the numbering to the capture */
    public record Row(
            String id,
            String source,
            String type,
            String subject,
            Instant time,
            Long sequence,
            String data,
            String extensions) {

        public static Row of(String source, String type, String subject, Long sequence, String data) {
            return new Row(
                    UUID.randomUUID().toString(),
                    source,
                    type,
                    subject,
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    sequence,
                    data,
                    "{}");
        }

        public Row withExtensions(String json) {
            return new Row(id, source, type, subject, time, sequence, data, json);
        }
    }

    /** Writes the rows into a source's outbox in one transaction, committed unless {@code commit} is false. */
    public static void write(String database, List<Row> rows, boolean commit) {
        try (Connection connection = DriverManager.getConnection(url(database), database, database + "-local")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (id, source, type, subject, time, sequence, data, extensions)
                    VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""")) {
                for (Row row : rows) {
                    insert.setString(1, row.id());
                    insert.setString(2, row.source());
                    insert.setString(3, row.type());
                    insert.setString(4, row.subject());
                    insert.setTimestamp(5, Timestamp.from(row.time()));
                    insert.setObject(6, row.sequence(), Types.BIGINT);
                    insert.setString(7, row.data());
                    insert.setString(8, row.extensions());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write outbox rows to " + database, e);
        }
    }

    public static void write(String database, Row... rows) {
        write(database, List.of(rows), true);
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }
}
