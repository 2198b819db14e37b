package org.prioritytracker.task.overdue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.testsupport.MutableClock;
import org.prioritytracker.testsupport.TestTokens;

/** The overdue rule on the Beijing calendar, with the service's clock set by the test. */
@QuarkusTest
class OverdueCheckTest {

    /** 2025-06-30 23:59 in Beijing; a minute later it is 1 July there, while it is still 30 June in UTC. */
    private static final Instant LAST_MINUTE_OF_JUNE_30 = Instant.parse("2025-06-30T15:59:00Z");

    private static final LocalDate JUNE_30 = LocalDate.parse("2025-06-30");

    @Inject
    TestData data;

    @Inject
    OverdueCheck check;

    @Inject
    MutableClock clock;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        data.reset();
        data.execute("UPDATE sub_item SET due_date = DATE '2025-12-31'");
        clock.set(LAST_MINUTE_OF_JUNE_30);
    }

    @AfterEach
    void clockBackToNow() {
        clock.reset();
    }

    @Test
    void anItemIsOverdueOnceItsDueDayHasEndedInBeijing() throws Exception {
        dueOn("P1.1", JUNE_30);
        assertEquals(0, check.flagOverdueItems(), "30 June has not ended in Beijing yet");

        clock.set(LAST_MINUTE_OF_JUNE_30.plusSeconds(60));
        assertEquals(1, check.flagOverdueItems(), "it is 1 July in Beijing, though still 30 June in UTC");
        assertEquals(0, check.flagOverdueItems(), "flagged once");

        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items?overdue=true")
                .then()
                .body("items.code", contains("P1.1"));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P1.1")
                .then()
                .body("overdue", equalTo(true))
                .header("ETag", equalTo("\"3\""));

        TestData.OutboxRow event = data.event("P1.1", 3);
        assertEquals("tracker.item.overdue", event.type());
        JsonNode payload = json.readTree(event.data());
        assertEquals("P1.1", payload.get("itemCode").asText());
        assertEquals("P1", payload.get("priorityCode").asText());
        assertEquals("NOT_STARTED", payload.get("status").asText());
        assertEquals("2025-06-30", payload.get("dueDate").asText());
        assertEquals(
                Instant.parse("2025-06-30T16:00:00Z"),
                Instant.parse(payload.get("overdueSince").asText()).truncatedTo(ChronoUnit.MINUTES));
        assertEquals("overdue-check", payload.get("actor").asText());
        assertEquals(3, payload.get("version").asLong());
        assertEquals("推动完善生态文明基础体制", payload.get("titleZh").asText());
    }

    @Test
    void completedItemsAreNeverOverdueAndCompletingClearsTheFlag() {
        dueOn("P1.3", JUNE_30.minusDays(10));
        ItemApi.move("P1.3", "IN_PROGRESS", null);
        ItemApi.move("P1.3", "COMPLETED", null);
        dueOn("P5.2", JUNE_30.minusDays(3));
        ItemApi.move("P5.2", "IN_PROGRESS", null);

        assertEquals(1, check.flagOverdueItems());
        ItemApi.move("P5.2", "COMPLETED", null);
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P5.2")
                .then()
                .body("overdue", equalTo(false));
        assertEquals(0, check.flagOverdueItems());

        ItemApi.move("P5.2", "IN_PROGRESS", "整改未完成");
        assertEquals(1, check.flagOverdueItems());
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P5.2")
                .then()
                .body("overdue", equalTo(true));
        assertEquals(
                List.of("tracker.item.updated#2", "tracker.item.status-changed#3", "tracker.item.status-changed#4"),
                data.eventSequence("P1.3"),
                "its edit and two moves, and no overdue event");
    }

    @Test
    void aLaterDueDateLiftsTheFlagAndAnEarlierOneRaisesItAgain() {
        dueOn("P6.4", JUNE_30.minusDays(1));
        check.flagOverdueItems();
        dueOn("P6.4", JUNE_30.plusDays(5));
        given().auth()
                .oauth2(TestTokens.forRole("viewer"))
                .get("/api/items/P6.4")
                .then()
                .body("overdue", equalTo(false));
        assertEquals(0, check.flagOverdueItems());
        dueOn("P6.4", JUNE_30.minusDays(2));
        assertEquals(1, check.flagOverdueItems());
    }

    private void dueOn(String code, LocalDate date) {
        given().auth()
                .oauth2(TestTokens.forRole("ministry-admin"))
                .contentType(ContentType.JSON)
                .header("If-Match", ItemApi.etag(code))
                .body("{\"dueDate\": \"" + date + "\"}")
                .patch("/api/items/" + code)
                .then()
                .statusCode(200);
    }
}
