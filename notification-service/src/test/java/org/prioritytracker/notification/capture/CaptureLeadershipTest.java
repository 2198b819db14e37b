package org.prioritytracker.notification.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.testsupport.TestBroker;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TopicReader;

/**
 * One instance at a time runs the capture. Here the test plays a second instance: it ends the
 * leader's lock session, as the database does when the leader's process dies, and takes the lock
 * first. The service then stands by with its slots released; once the rival goes, it takes the
 * capture back and publishes what was written in between.
 */
@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class CaptureLeadershipTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CaptureStatus status;

    @Inject
    CaptureConfig config;

    @Test
    void aStandbyInstanceTakesOverWhenTheLeaderGoesAndNothingWrittenMeanwhileIsLost() throws Exception {
        awaitLeadingAndStreaming();
        CaptureSources.Row meanwhile = Rows.statusChanged("P7.9", 1);
        try (TopicReader topic = new TopicReader(TestBroker.BOOTSTRAP, TestBroker.TOPIC)) {
            try (Connection rival = notificationsDatabase()) {
                Awaitility.await().atMost(WAIT).until(() -> endLeaderSessions(rival) >= 0 && tryLock(rival));
                Awaitility.await().atMost(WAIT).until(() -> status.role() == CaptureStatus.Role.STANDBY);
                given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'Outbox capture' }.data.capture", equalTo("STANDBY"));
                Awaitility.await().atMost(WAIT).until(() -> activeSlots(rival) == 0);

                CaptureSources.write(CaptureSources.TASKS, meanwhile);
            }
            // The rival's session is closed: its lock is free.
            awaitLeadingAndStreaming();
            topic.readUntil(
                    records -> records.stream().anyMatch(r -> meanwhile.id().equals(r.id())), WAIT);
        }
    }

    private void awaitLeadingAndStreaming() {
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> status.role() == CaptureStatus.Role.LEADING && status.allStreaming());
    }

    private static Connection notificationsDatabase() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static int endLeaderSessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet ended = statement.executeQuery("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name LIKE 'capture leadership of %' AND datname = current_database()""")) {
            ended.next();
            return ended.getInt(1);
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, CaptureLeadership.LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private int activeSlots(Connection connection) throws SQLException {
        List<String> slots = config.sources().values().stream()
                .map(CaptureConfig.Source::slotName)
                .toList();
        try (PreparedStatement active = connection.prepareStatement(
                "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = ANY(?)")) {
            active.setArray(1, connection.createArrayOf("text", slots.toArray()));
            try (ResultSet result = active.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
