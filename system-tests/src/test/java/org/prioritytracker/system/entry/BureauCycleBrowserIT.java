package org.prioritytracker.system.entry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prioritytracker.system.support.Browser;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * A bureau's whole cycle in two browsers, as two people at two computers: Gansu's officer enters a
 * report (an invalid field first), saves a draft, reloads and submits it; the bureau's approver approves
 * it; the ministry's reviewer returns it with a comment, which the officer's open page shows at once;
 * the officer amends and resubmits, uploads a CSV with one bad row, and meets a stale version. No other
 * system test writes for Gansu (620000). Screenshots of each step go to target/screenshots.
 */
@ExtendWith(SystemStack.class)
class BureauCycleBrowserIT {

    private static final String PROVINCE = "620000";
    private static final String OFFICER = "reporter-" + PROVINCE;
    private static final String APPROVER = "approver-" + PROVINCE;
    private static final String REVIEWER = "reviewer";
    /** Markup in a narrative is text: were it HTML, this image's error handler would set the flag. */
    private static final String HOSTILE_NARRATIVE = "<img src=x onerror=\"window.__pwned=1\"> 甘肃省推进沙化土地治理";

    private static final String RETURN_COMMENT = "请补充治理面积的具体数据";

    private static Browser officer;
    private static Browser other;

    @BeforeAll
    static void openBrowsers() {
        officer = Browser.open();
        other = Browser.open();
    }

    @AfterAll
    static void closeBrowsers() {
        if (officer != null) {
            officer.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aBureauEntersApprovesAnswersAReturnAndUploadsInTheBrowser() throws Exception {
        officer.signInAs(OFFICER, "/entry/");
        WebDriverWait wait = officer.waitAtMost(Duration.ofSeconds(30));
        wait.until(d ->
                d.findElements(By.cssSelector("#items tbody tr[data-item]")).size() >= 4
                        && "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        String period = officer.find("#periods [aria-selected='true']").getAttribute("data-period");
        List<String> items = officer.driver().findElements(By.cssSelector("#items tbody tr[data-item]")).stream()
                .map(row -> row.getAttribute("data-item"))
                .toList();
        String item = items.get(0);
        officer.screenshot("entry-1-periods-and-items");

        // An invalid field shows its error before anything is sent; nothing is stored.
        openItem(officer, item);
        officer.find("#f-percent").sendKeys("150");
        wait.until(d -> !d.findElement(By.id("e-percentComplete")).getText().isEmpty());
        assertEquals("true", officer.find("#f-percent").getAttribute("aria-invalid"));
        officer.find("#submit-report").click();
        wait.until(d -> !d.findElement(By.id("form-message")).getText().isEmpty());
        officer.screenshot("entry-2-inline-error");
        assertEquals(0, reportsOf(item, period), "an invalid form stores nothing");

        // Over-long and unstorable narratives are refused on the page as the API would refuse them.
        setValue("#f-narrative", "长".repeat(5001));
        wait.until(d -> d.findElement(By.id("e-narrative")).getText().contains("5000"));
        setValue("#f-narrative", "含有\u0000的说明");
        wait.until(d -> !d.findElement(By.id("e-narrative")).getText().isEmpty());

        // A draft, kept on the server: it survives a reload.
        officer.find("#f-percent").clear();
        officer.find("#f-percent").sendKeys("40.5");
        new Select(officer.find("#f-status")).selectByValue("AT_RISK");
        setValue("#f-narrative", HOSTILE_NARRATIVE);
        wait.until(d -> d.findElement(By.id("e-percentComplete")).getText().isEmpty()
                && d.findElement(By.id("e-narrative")).getText().isEmpty());
        officer.find("#save-draft").click();
        wait.until(d -> "DRAFT".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));
        officer.driver().navigate().refresh();
        wait.until(d -> "DRAFT".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));
        openItem(officer, item);
        wait.until(d -> "40.5".equals(d.findElement(By.id("f-percent")).getAttribute("value")));
        assertEquals(HOSTILE_NARRATIVE, officer.find("#f-narrative").getAttribute("value"));
        officer.screenshot("entry-3-draft-resumed");
        assertEquals(0, reportsOf(item, period), "a draft is no report");

        // Submitted once, however often the button is pressed.
        WebElement submit = officer.find("#submit-report");
        officer.script("arguments[0].click(); arguments[0].click();", submit);
        wait.until(d ->
                "SUBMITTED".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));
        assertEquals(1, reportsOf(item, period));

        // The approver, at another computer, approves it.
        other.signInAs(APPROVER, "/entry/");
        WebDriverWait otherWait = other.waitAtMost(Duration.ofSeconds(30));
        String waiting = "#approvals li[data-item='" + item + "'][data-period='" + period + "']";
        otherWait.until(d -> !d.findElements(By.cssSelector(waiting)).isEmpty());
        other.screenshot("entry-4-approver");
        other.find(waiting + " button.approve").click();
        otherWait.until(d -> d.findElements(By.cssSelector(waiting)).isEmpty());
        wait.until(d ->
                "APPROVED".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));

        // The ministry's reviewer finds it by province, reads the narrative as text, and returns it.
        other.signInAs(REVIEWER, "/review/");
        new Select(other.find("#filter-province")).selectByValue(PROVINCE);
        String queued = "#queue tr[data-item='" + item + "'][data-province='" + PROVINCE + "']";
        otherWait.until(d -> !d.findElements(By.cssSelector(queued)).isEmpty());
        other.find(queued).click();
        otherWait.until(d -> HOSTILE_NARRATIVE.equals(
                d.findElement(By.cssSelector("#detail .narrative")).getText()));
        assertTrue(other.driver()
                .findElements(By.cssSelector("#detail .narrative img"))
                .isEmpty());
        assertNull(other.script("return window.__pwned;"));
        assertTrue(other.find("#detail [data-approved-by]").getText().contains(APPROVER));
        other.find("#return").click();
        otherWait.until(d -> !d.findElement(By.id("e-comment")).getText().isEmpty());
        other.find("#review-comment").sendKeys(RETURN_COMMENT);
        other.screenshot("entry-5-review");
        other.find("#return").click();
        otherWait.until(d -> d.findElements(By.cssSelector(queued)).isEmpty());

        // The officer's open page shows the return at once, without a reload.
        WebDriverWait live = officer.waitAtMost(Duration.ofSeconds(5));
        live.until(d -> "returned".equals(d.findElement(By.id("notice")).getAttribute("data-kind"))
                && d.findElement(By.id("notice")).getText().contains(RETURN_COMMENT));
        live.until(d ->
                "RETURNED".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));
        assertNull(officer.script("return window.__pwned;"));

        // Amended and submitted again; the form shows the comment, and then what the amendment changed.
        openItem(officer, item);
        wait.until(d -> d.findElement(By.cssSelector("#form-report [data-returned-by='ministry']"))
                .getText()
                .contains(RETURN_COMMENT));
        officer.screenshot("entry-6-returned");
        officer.find("#f-percent").clear();
        officer.find("#f-percent").sendKeys("55");
        officer.find("#submit-report").click();
        wait.until(d ->
                "SUBMITTED".equals(row(d.findElement(By.id("items")), item).getAttribute("data-state")));
        openItem(officer, item);
        wait.until(d -> d.findElement(By.cssSelector("#form-report table.diff tr[data-field='percentComplete'] .after"))
                .getText()
                .equals("55%"));
        assertEquals(
                "40.5%",
                officer.find("#form-report table.diff tr[data-field='percentComplete'] .before")
                        .getText());
        officer.screenshot("entry-7-amended");

        // A CSV upload: each row's outcome, the bad one refused and named, the others stored.
        Path csv = Files.createTempFile("gansu", ".csv");
        Files.writeString(
                csv,
                "itemCode,period,percentComplete,status,narrative\n"
                        + items.get(1) + "," + period + ",30,ON_TRACK,按计划推进\n"
                        + items.get(2) + "," + period + ",120,ON_TRACK,百分比超出范围\n"
                        + items.get(3) + "," + period + ",65,COMPLETED,\"含逗号, 与引号\"\"的说明\"\n",
                StandardCharsets.UTF_8);
        officer.find("#upload-file").sendKeys(csv.toAbsolutePath().toString());
        officer.find("#upload").click();
        wait.until(d -> d.findElements(By.cssSelector("#upload-results tbody tr[data-row]"))
                        .size()
                == 3);
        assertEquals("CREATED", officer.find("#upload-results tr[data-row='2']").getAttribute("data-outcome"));
        assertEquals("INVALID", officer.find("#upload-results tr[data-row='3']").getAttribute("data-outcome"));
        assertTrue(officer.find("#upload-results tr[data-row='3'] .reason")
                .getText()
                .contains("percentComplete"));
        assertEquals(
                items.get(2),
                officer.find("#upload-results tr[data-row='3'] .code").getText());
        assertEquals("CREATED", officer.find("#upload-results tr[data-row='4']").getAttribute("data-outcome"));
        officer.screenshot("entry-8-upload");
        assertEquals(0, reportsOf(items.get(2), period), "the refused row stored nothing");

        // A version changed elsewhere (a script of the bureau's) after the form was opened: a clear message,
        // what the other change did, the officer's typing kept as a draft, and the stale amendment stored nowhere.
        openItem(officer, items.get(1));
        wait.until(d -> "30".equals(d.findElement(By.id("f-percent")).getAttribute("value")));
        amendThroughTheApi(items.get(1), period, 35);
        officer.find("#f-percent").clear();
        officer.find("#f-percent").sendKeys("31");
        officer.find("#submit-report").click();
        wait.until(d -> !d.findElement(By.id("form-message")).getText().isEmpty()
                && "35%"
                        .equals(d.findElement(By.cssSelector(
                                        "#form-report table.diff tr[data-field='percentComplete'] .after"))
                                .getText()));
        assertEquals("31", officer.find("#f-percent").getAttribute("value"));
        officer.screenshot("entry-9-stale");
        assertEquals(35.0, reportOf(items.get(1), period).getDouble("percentComplete"));
    }

    private static void openItem(Browser browser, String item) {
        WebDriverWait wait = browser.waitAtMost(Duration.ofSeconds(30));
        wait.until(d -> {
            d.findElement(By.cssSelector("#items tr[data-item='" + item + "'] button.open-item"))
                    .click();
            return true;
        });
        wait.until(d -> item.equals(d.findElement(By.id("form-section")).getAttribute("data-item"))
                && d.findElement(By.id("form-section")).isDisplayed());
    }

    private static WebElement row(WebElement table, String item) {
        return table.findElement(By.cssSelector("tr[data-item='" + item + "']"));
    }

    /** Sets a field's value as pasting would, and lets the page hear it. */
    private static void setValue(String css, String value) {
        officer.script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                officer.find(css),
                value);
    }

    private static int reportsOf(String item, String period) {
        return given().auth()
                .oauth2(Tokens.of("ministry-reviewer"))
                .queryParam("province", PROVINCE)
                .queryParam("item", item)
                .queryParam("period", period)
                .get(SystemStack.PROGRESS + "/api/reports")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static io.restassured.path.json.JsonPath reportOf(String item, String period) {
        return given().auth()
                .oauth2(Tokens.of("ministry-reviewer"))
                .queryParam("province", PROVINCE)
                .queryParam("item", item)
                .queryParam("period", period)
                .get(SystemStack.PROGRESS + "/api/reports")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("reports[0]");
    }

    private static void amendThroughTheApi(String item, String period, int percent) {
        String token = Tokens.of("provincial-reporter", PROVINCE);
        String id = reportOf(item, period).getString("id");
        var current = given().auth()
                .oauth2(token)
                .get(SystemStack.PROGRESS + "/api/reports/" + id)
                .then()
                .statusCode(200)
                .extract();
        given().auth()
                .oauth2(token)
                .contentType("application/json; charset=UTF-8")
                .header("If-Match", current.header("ETag"))
                .body("""
                        {"itemCode": "%s", "period": "%s", "percentComplete": %d, "status": "ON_TRACK", "narrative": "脚本修改"}""".formatted(item, period, percent))
                .put(SystemStack.PROGRESS + "/api/reports/" + id)
                .then()
                .statusCode(200);
    }
}
