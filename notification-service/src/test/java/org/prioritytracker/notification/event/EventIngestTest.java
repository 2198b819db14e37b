package org.prioritytracker.notification.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prioritytracker.notification.support.Events.BATCH;
import static org.prioritytracker.notification.support.Events.SINGLE;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.notification.support.Events;
import org.prioritytracker.notification.support.StoredEvents;
import org.prioritytracker.notification.support.TestTokens;

@QuarkusTest
class EventIngestTest {

    @Inject
    StoredEvents stored;

    @BeforeEach
    void reset() {
        stored.clear();
    }

    @Test
    void storesABatchOnceAndAcknowledgesRedelivery() {
        String batch = Events.batch(Events.statusChanged("P3.2", 2), Events.statusChanged("P3.2", 3), Events.statusChanged("P1.1", 2));
        publisher().contentType(BATCH).body(batch).post("/internal/events")
                .then().statusCode(200).body("stored", equalTo(3)).body("duplicates", equalTo(0));
        publisher().contentType(BATCH).body(batch).post("/internal/events")
                .then().statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(3, stored.count());
    }

    @Test
    void storesASingleStructuredEvent() {
        String id = UUID.randomUUID().toString();
        publisher().contentType(SINGLE).body(Events.statusChanged(id, "P5.3", 4)).post("/internal/events")
                .then().statusCode(200).body("stored", equalTo(1));
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/events?after=0")
                .then().statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].id", equalTo(id))
                .body("events[0].data.titleZh", equalTo("持续深入推进碧水保卫战"));
    }

    @Test
    void anEventWithoutARequiredAttributeRejectsTheWholeRequestNamingIt() {
        String good = Events.statusChanged("P2.1", 2);
        String noSubject = Events.statusChanged("P2.1", 3).replace("\"subject\": \"P2.1\",", "");
        String oldSpec = Events.statusChanged("P2.1", 4).replace("\"specversion\": \"1.0\"", "\"specversion\": \"0.3\"");
        String noSequence = Events.statusChanged("P2.1", 5).replace("\"sequence\": 5,", "");
        String badTime = Events.statusChanged("P2.1", 6).replaceFirst("\"time\": \"[^\"]+\"", "\"time\": \"yesterday\"");
        publisher().contentType(BATCH)
                .body(Events.batch(good, noSubject, oldSpec, noSequence, badTime)).post("/internal/events")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("[1].subject", "[2].specversion", "[3].sequence", "[4].time"));
        assertEquals(0, stored.count());

        for (String attribute : new String[] {"id", "source", "type", "time"}) {
            String missing = Events.statusChanged("P2.1", 7).replaceFirst("\"" + attribute + "\": \"[^\"]+\",", "");
            publisher().contentType(SINGLE).body(missing).post("/internal/events")
                    .then().statusCode(400).body("errors[0].field", equalTo(attribute));
        }
        assertEquals(0, stored.count());
    }

    @Test
    void malformedOrMistypedBodiesAre400() {
        publisher().contentType(BATCH).body("{\"not\": \"an array\"}").post("/internal/events")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        publisher().contentType(BATCH).body("[{\"specversion\": ").post("/internal/events")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        publisher().contentType(BATCH).body("[42]").post("/internal/events")
                .then().statusCode(400).body("errors[0].field", equalTo("[0]"));
        publisher().contentType("application/json").body(Events.batch(Events.statusChanged("P2.1", 2))).post("/internal/events")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
        assertEquals(0, stored.count());
    }

    @Test
    void onlyEventPublishersMayDeliver() {
        String batch = Events.batch(Events.statusChanged("P2.1", 2));
        given().contentType(BATCH).body(batch).post("/internal/events")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(TestTokens.forRole("ministry-admin")).contentType(BATCH)
                .body(batch).post("/internal/events").then().statusCode(403);
        assertEquals(0, stored.count());
    }

    @Test
    void catchUpPagesThroughStoredEventsByCursor() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            events.append(i == 0 ? "" : ",").append(Events.statusChanged(i % 2 == 0 ? "P7.1" : "P7.2", 2 + i));
        }
        publisher().contentType(BATCH).body("[" + events + "]").post("/internal/events")
                .then().statusCode(200);
        String next = given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/events?limit=2")
                .then().statusCode(200).body("events", hasSize(2)).body("events[0].sequence", equalTo(2))
                .extract().path("next");
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/events?limit=10&after=" + next)
                .then().statusCode(200).body("events.sequence", containsInAnyOrder(4, 5, 6));
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/events?subject=P7.2")
                .then().statusCode(200).body("events.sequence", containsInAnyOrder(3, 5));
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/events?limit=0&after=x")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    private static RequestSpecification publisher() {
        return given().auth().oauth2(TestTokens.forRole("event-publisher"));
    }
}
