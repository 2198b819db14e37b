package org.prioritytracker.task.overdue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.task.item.Clocks;
import org.prioritytracker.task.support.ItemApi;
import org.prioritytracker.task.support.TestData;
import org.prioritytracker.task.support.TestTokens;

@QuarkusTest
class OverdueCheckTest {

    @Inject
    TestData data;

    @Inject
    OverdueCheck check;

    private final LocalDate today = Clocks.today();

    @BeforeEach
    void reset() {
        data.reset();
        data.execute("UPDATE sub_item SET due_date = DATE '" + today.plusDays(30) + "'");
    }

    @Test
    void flagsItemsPastTheirDueDayOnceEach() {
        dueOn("P1.1", today.minusDays(1));
        dueOn("P1.2", today);
        dueOn("P1.3", today.minusDays(10));
        ItemApi.move("P1.3", "IN_PROGRESS", null);
        ItemApi.move("P1.3", "COMPLETED", null);

        assertEquals(1, check.flagOverdueItems());
        assertEquals(0, check.flagOverdueItems());

        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/items?overdue=true")
                .then().body("items.code", contains("P1.1"));
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/items/P1.1")
                .then().body("overdue", equalTo(true)).header("ETag", equalTo("\"3\""));
        assertEquals(1, data.events("P1.1"));
        assertEquals(0, data.events("P1.2"));
    }

    @Test
    void completingClearsTheFlagAndReopeningLetsTheCheckRaiseItAgain() {
        dueOn("P5.2", today.minusDays(3));
        ItemApi.move("P5.2", "IN_PROGRESS", null);
        check.flagOverdueItems();
        ItemApi.move("P5.2", "COMPLETED", null);
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/items/P5.2").then().body("overdue", equalTo(false));
        assertEquals(0, check.flagOverdueItems());

        ItemApi.move("P5.2", "IN_PROGRESS", "整改未完成");
        assertEquals(1, check.flagOverdueItems());
        given().auth().oauth2(TestTokens.forRole("viewer")).get("/api/items/P5.2").then().body("overdue", equalTo(true));
    }

    @Test
    void aLaterDueDateLiftsTheFlag() {
        dueOn("P6.4", today.minusDays(1));
        check.flagOverdueItems();
        given().auth().oauth2(TestTokens.forRole("ministry-admin")).contentType(ContentType.JSON)
                .header("If-Match", ItemApi.etag("P6.4")).body("{\"dueDate\": \"" + today.plusDays(5) + "\"}")
                .patch("/api/items/P6.4").then().statusCode(200).body("overdue", equalTo(false));
        assertEquals(0, check.flagOverdueItems());
    }

    private void dueOn(String code, LocalDate date) {
        given().auth().oauth2(TestTokens.forRole("ministry-admin")).contentType(ContentType.JSON)
                .header("If-Match", ItemApi.etag(code)).body("{\"dueDate\": \"" + date + "\"}")
                .patch("/api/items/" + code).then().statusCode(200);
    }
}
