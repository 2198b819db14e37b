package org.prioritytracker.system.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prioritytracker.system.support.Browser;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.TaskApi;
import org.prioritytracker.system.support.Tokens;

/**
 * The dashboard as an officer sees it, in Debian's Chromium driven by ChromeDriver: sign in through
 * Keycloak's login form, see the eight priorities and the 32 provinces (a reporter only its own
 * province's reports), and watch a status change made through the API appear without a reload.
 */
@ExtendWith(SystemStack.class)
class DashboardBrowserIT {

    private static Browser session;
    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        session = Browser.open();
        browser = session.driver();
    }

    @AfterAll
    static void closeBrowser() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void showsThePrioritiesAndProvincesAndFollowsStatusChangesLive() throws Exception {
        reportsFromAFewProvinces();
        TaskApi.makeActive("P2.2");

        WebDriverWait wait = openDashboard();
        wait.until(d -> d.findElements(By.cssSelector("[data-priority]")).size() == 8);
        wait.until(d ->
                d.findElements(By.cssSelector("#heatmap tr[data-province]")).size() == 32);
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        // Live events re-render parts of the page at any time, so every read below is a wait.
        wait.until(d -> d.findElement(By.cssSelector("[data-priority='P3'] h3"))
                .getText()
                .endsWith("深入打好污染防治攻坚战"));
        wait.until(d -> d.findElements(By.cssSelector("#heatmap thead th")).size() == 32);
        wait.until(d -> d.findElement(By.cssSelector("#heatmap tr[data-province='510000'] td[data-item='P4.3']"))
                .getAttribute("title")
                .contains("2025-Q4"));
        // Report text is shown as text: the markup in this narrative must not become an element.
        wait.until(d -> {
            d.findElement(By.cssSelector("#heatmap tr[data-province='440000'] td[data-item='P4.3']"))
                    .click();
            return true;
        });
        wait.until(d -> "<b>不是标记</b>"
                .equals(d.findElement(By.cssSelector("#cell-detail .narrative")).getText()));
        WebElement narrative = browser.findElement(By.cssSelector("#cell-detail .narrative"));
        assertTrue(narrative.findElements(By.tagName("b")).isEmpty());

        // Completeness and timeliness: every bureau, laggards first. The 2025 reports above came after their
        // deadlines (this is a later year), so Sichuan's are late; a heading sorts the table, twice descending.
        wait.until(d -> d.findElements(By.cssSelector("#timeliness tbody tr[data-province]"))
                        .size()
                == 32);
        wait.until(d -> Integer.parseInt(
                        d.findElement(By.cssSelector("#timeliness tr[data-province='510000'] td[data-column='late']"))
                                .getText())
                >= 1);
        browser.findElement(By.cssSelector("#timeliness button[data-sort='reported']"))
                .click();
        browser.findElement(By.cssSelector("#timeliness button[data-sort='reported']"))
                .click();
        wait.until(d -> "descending"
                .equals(d.findElement(By.cssSelector("#timeliness button[data-sort='reported']"))
                        .findElement(By.xpath(".."))
                        .getAttribute("aria-sort")));
        wait.until(d -> Integer.parseInt(
                        d.findElement(By.cssSelector("#timeliness tbody tr:first-child td[data-column='reported']"))
                                .getText())
                >= 1);

        // A change made through the API shows within two seconds, without a reload.
        TaskApi.move("P2.2", "AT_RISK", "浏览器测试：进度滞后");
        waitAtMost(Duration.ofSeconds(2))
                .until(d -> "AT_RISK"
                        .equals(d.findElement(By.cssSelector("[data-item='P2.2']"))
                                .getAttribute("data-status")));
        wait.until(d -> "有风险"
                .equals(d.findElement(By.cssSelector("[data-item='P2.2'] .status"))
                        .getText()));
        wait.until(d -> !d.findElements(By.cssSelector("#feed li[data-type='tracker.item.status-changed']"))
                .isEmpty());

        session.screenshot("dashboard");

        browser.findElement(By.id("lang-toggle")).click();
        try {
            wait.until(d -> d.findElement(By.id("title")).getText().startsWith("2025 Ecological"));
            wait.until(d -> "At risk"
                    .equals(d.findElement(By.cssSelector("[data-item='P2.2'] .status"))
                            .getText()));
        } finally {
            // Back to Chinese, which the other tests read.
            browser.findElement(By.id("lang-toggle")).click();
            wait.until(d -> d.findElement(By.id("title")).getText().startsWith("2025年"));
        }
    }

    @Test
    void aReporterAndAViewerSignInThroughTheProvidersLoginFormAndEachSeesWhatTheyMay() {
        reportsFromAFewProvinces();
        signInAs("reporter-130000");
        WebDriverWait wait = waitAtMost(Duration.ofSeconds(30));
        WebElement who = browser.findElement(By.id("who"));
        assertEquals("provincial-reporter", who.getAttribute("data-roles"));
        assertEquals("130000", who.getAttribute("data-province"));
        wait.until(d -> d.findElement(By.id("who")).getText().contains("省级填报员"));
        // Its own province's reports, and no other province's.
        wait.until(d -> d.findElement(By.cssSelector("#heatmap tr[data-province='130000'] td[data-item='P3.1']"))
                .getAttribute("title")
                .contains("2025-Q4"));
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        String otherProvince = browser.findElement(
                        By.cssSelector("#heatmap tr[data-province='510000'] td[data-item='P4.3']"))
                .getAttribute("title");
        assertTrue(
                otherProvince == null || !otherProvince.contains("2025-Q4"),
                "a reporter sees another province's report");
        // Its bureau's open obligations: the 2025 reports it has not made (all late by now), not the one it made.
        wait.until(d ->
                d.findElements(By.cssSelector("#obligations li[data-late]")).size() >= 100);
        assertTrue(
                browser.findElements(By.cssSelector("#obligations li[data-item='P3.1'][data-period='2025-Q4']"))
                        .isEmpty(),
                "a report it made is no obligation");
        // In the timeliness table too, only its own bureau.
        wait.until(d -> d.findElements(By.cssSelector("#timeliness tbody tr[data-province]"))
                                .size()
                        == 1
                && !d.findElements(By.cssSelector("#timeliness tbody tr[data-province='130000']"))
                        .isEmpty());
        assertNoTokenStored();

        signOut();
        // The provider's session has ended too: signing in again asks for the password.
        browser.findElement(By.id("signin-link")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(SystemStack.ISSUER)
                && !d.findElements(By.id("username")).isEmpty());
        browser.get(SystemStack.NOTIFICATION + "/");

        signInAs("viewer");
        who = browser.findElement(By.id("who"));
        assertEquals("viewer", who.getAttribute("data-roles"));
        assertEquals("", who.getAttribute("data-province"));
        assertTrue(!browser.findElement(By.id("obligations-section")).isDisplayed(), "a viewer owes no reports");
        wait.until(d -> d.findElement(By.cssSelector("#heatmap tr[data-province='510000'] td[data-item='P4.3']"))
                .getAttribute("title")
                .contains("2025-Q4"));
        wait.until(d -> d.findElement(By.cssSelector("#heatmap tr[data-province='130000'] td[data-item='P3.1']"))
                .getAttribute("title")
                .contains("2025-Q4"));
        assertNoTokenStored();
    }

    /** The page keeps its token in memory only: no web storage holds it, and scripts see no cookie. */
    private static void assertNoTokenStored() {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertEquals(0L, page.executeScript("return sessionStorage.length;"));
        assertEquals(
                "",
                page.executeScript("return Object.keys(localStorage).filter(k => k !== 'tracker_lang').join(',');"));
        assertEquals("", page.executeScript("return document.cookie;"));
    }

    @Test
    void saysWhenTheStreamDropsAndCatchesUpAfterReconnecting() {
        TaskApi.makeActive("P2.3");
        WebDriverWait wait = openDashboard();
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));

        SystemStack.kill("notification-service");
        try {
            wait.until(d ->
                    "reconnecting".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            assertTrue(browser.findElement(By.id("connection")).getText().contains("重新连接"));
            // A change while the stream is down reaches the page once it is back (Last-Event-ID resume).
            TaskApi.move("P2.3", "AT_RISK", "浏览器测试：断线期间的变化");
        } finally {
            SystemStack.up();
        }
        waitAtMost(Duration.ofSeconds(60))
                .until(d -> "AT_RISK"
                        .equals(d.findElement(By.cssSelector("[data-item='P2.3']"))
                                .getAttribute("data-status")));
        wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
    }

    private static WebDriverWait waitAtMost(Duration timeout) {
        return session.waitAtMost(timeout);
    }

    /** Opens the page signed in as the viewer, through the provider's login form unless already signed in as them. */
    private static WebDriverWait openDashboard() {
        WebDriverWait wait = waitAtMost(Duration.ofSeconds(20));
        signInAs("viewer");
        try {
            waitAtMost(Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.cssSelector("[data-priority]"))
                                            .size()
                                    == 8
                            && "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "The dashboard did not load and go live within 30 s; connection: '"
                            + browser.findElement(By.id("connection")).getText() + "', priorities: '"
                            + browser.findElement(By.id("priorities")).getText() + "'",
                    e);
        }
        return wait;
    }

    private static void signInAs(String username) {
        session.signInAs(username, "/");
    }

    private static void signOut() {
        session.signOut();
    }

    /** A few provincial reports for the last period of the year, so that they are the latest whatever else is stored. */
    private static void reportsFromAFewProvinces() {
        List<Map.Entry<String, Object[]>> reports = List.of(
                Map.entry("510000", new Object[] {"P4.3", "2025-Q4", 62.5, "ON_TRACK", "四川省进展顺利"}),
                Map.entry("440000", new Object[] {"P4.3", "2025-Q4", 48.0, "AT_RISK", "<b>不是标记</b>"}),
                Map.entry("130000", new Object[] {"P3.1", "2025-Q4", 55.0, "ON_TRACK", "重污染天数同比减少"}),
                Map.entry("320000", new Object[] {"P3.1", "2025-Q4", 71.0, "ON_TRACK", "PM2.5浓度下降"}),
                Map.entry("650000", new Object[] {"P3.1", "2025-Q4", 30.0, "BLOCKED", "沙尘天气影响"}),
                Map.entry("110000", new Object[] {"P3.2", "2025-Q4", 80.0, "ON_TRACK", "水质持续改善"}));
        for (Map.Entry<String, Object[]> report : reports) {
            Object[] r = report.getValue();
            String body = """
                    {"itemCode": "%s", "period": "%s", "percentComplete": %s, "status": "%s", "narrative": "%s"}""".formatted(r[0], r[1], r[2], r[3], r[4]);
            String token = Tokens.of("provincial-reporter", report.getKey());
            var created = given().auth()
                    .oauth2(token)
                    .contentType("application/json; charset=UTF-8")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body)
                    .post(SystemStack.PROGRESS + "/api/reports")
                    .then()
                    .extract();
            if (created.statusCode() == 409) {
                var existing = given().auth()
                        .oauth2(token)
                        .get(created.header("Location"))
                        .then()
                        .extract();
                if (!"ACCEPTED".equals(existing.path("reviewState"))) {
                    given().auth()
                            .oauth2(token)
                            .contentType("application/json; charset=UTF-8")
                            .header("If-Match", existing.header("ETag"))
                            .body(body)
                            .put(created.header("Location"))
                            .then()
                            .statusCode(200);
                }
            } else {
                assertEquals(201, created.statusCode(), created.asString());
            }
        }
    }
}
