package org.prioritytracker.notification.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.CaptureSources;
import org.prioritytracker.notification.support.Rows;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestBrokerResource;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
@WithTestResource(TestBrokerResource.class)
@WithTestResource(CaptureSources.class)
class RetentionPurgeTest {

    @Inject
    RetentionPurge purge;

    @Inject
    RetentionConfig config;

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void publishedEventsAndReplayedDeadLettersGoWhenTheirRetentionEnds() {
        String subject = "P9." + ThreadLocalRandom.current().nextInt(1_000_000);
        CaptureSources.write(CaptureSources.TASKS, Rows.statusChanged(subject, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(subject) == 1);
        String replayed = deadLetter(true);
        String waiting = deadLetter(false);
        try {
            clock.advance(config.replayedDeadLetters().plusDays(1));
            purge.purge();
            assertEquals(1, stored(subject), "the event is younger than its retention");
            assertEquals(0, count("SELECT count(*) FROM dead_letter WHERE id = '" + replayed + "'"));
            assertEquals(
                    1,
                    count("SELECT count(*) FROM dead_letter WHERE id = '" + waiting + "'"),
                    "kept until someone acts");

            clock.advance(config.publishedEvents());
            purge.purge();
            assertEquals(0, stored(subject));
            assertEquals(1, count("SELECT count(*) FROM dead_letter WHERE id = '" + waiting + "'"));
        } finally {
            clock.reset();
        }
    }

    private int stored(String subject) {
        return given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/events?limit=500&subject=" + subject)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events")
                .size();
    }

    private String deadLetter(boolean replayed) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("""
                INSERT INTO dead_letter (source, id, type, subject, event, bytes, reason, failed_at, replayed_at)
                VALUES ('/task-service', ?1, 'tracker.item.status-changed', 'P9.9', '{}', 2, 'test', now(),
                        CASE WHEN ?2 THEN now() END)""")
                        .setParameter(1, id)
                        .setParameter(2, replayed)
                        .executeUpdate());
        return id;
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }
}
