package org.prioritytracker.task.catalogue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.responsecache.PeerInvalidation;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.TestTokens;

/**
 * The cached lists follow what other instances commit. The test plays the other instance on a
 * connection of its own: it changes a row as that instance's transaction would, and sends the
 * notice that its commit carries.
 */
@QuarkusTest
class CachedListsAcrossInstancesTest {

    private static final String PATH = "/api/priorities/P6";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    TestData data;

    @Inject
    PeerInvalidation peers;

    @BeforeEach
    void listening() {
        data.reset();
        Awaitility.await().atMost(WAIT).until(peers::isListening);
    }

    @AfterEach
    void reset() {
        data.reset();
    }

    @Test
    void anotherInstancesCommitReachesTheCachedListWithItsNotice() throws SQLException {
        String seeded = titleOfP62();
        try (Connection otherInstance = database();
                Statement statement = otherInstance.createStatement()) {
            statement.executeUpdate("UPDATE sub_item SET title_en = 'Renamed by another instance' WHERE code = 'P6.2'");
            // Without its notice the change is not seen yet: the list is served from the cache.
            assertEquals(seeded, titleOfP62());

            statement.execute("NOTIFY tracker_response_cache");
            Awaitility.await().atMost(WAIT).until(() -> "Renamed by another instance".equals(titleOfP62()));
        }
    }

    @Test
    void aChangeMadeWhileTheInstanceCannotListenIsNotServedStale() throws SQLException {
        titleOfP62();
        try (Connection otherInstance = database();
                Statement statement = otherInstance.createStatement()) {
            // The listening session ends (a lost connection, a database restart) and notices go unheard.
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'response cache peers' AND datname = current_database()");
            statement.executeUpdate("UPDATE sub_item SET title_en = 'Renamed unheard' WHERE code = 'P6.2'");
            // Well inside the cache's 30 s expiry.
            Awaitility.await().atMost(WAIT).until(() -> "Renamed unheard".equals(titleOfP62()));
        }
        Awaitility.await().atMost(WAIT).until(peers::isListening);
    }

    private static String titleOfP62() {
        return given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .path("items.find { it.code == 'P6.2' }.titleEn");
    }

    private static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
