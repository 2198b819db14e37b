package org.prioritytracker.system.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by ChromeDriver, signed in to the service's pages through
 * Keycloak's login form as a development user (password {@code <username>-local}). Each instance has
 * a profile of its own, so two of them are two people at two computers.
 */
public final class Browser implements AutoCloseable {

    /** Where screenshots go: kept by the build as test artifacts. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        SystemStack.ensureBrowser();
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--no-first-run",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--window-size=1800,1500",
                    "--lang=zh-CN",
                    "--user-data-dir=" + Files.createTempDirectory("tracker-browser"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .build();
            return new Browser(new ChromeDriver(service, options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** A wait that reads again when a live update replaced the element it was reading. */
    public WebDriverWait waitAtMost(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Opens {@code page} ("/", "/entry/", "/review/") as {@code username}: whoever else is signed in
     * signs out first, then "Sign in" leads to Keycloak's login form and back to the page.
     */
    public void signInAs(String username, String page) {
        driver.get(SystemStack.NOTIFICATION + page);
        WebDriverWait wait = waitAtMost(Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("signin")).isDisplayed()
                || d.findElement(By.id("who")).isDisplayed());
        if (driver.findElement(By.id("who")).isDisplayed()) {
            if (username.equals(driver.findElement(By.id("who")).getAttribute("data-username"))) {
                return;
            }
            signOut();
            driver.get(SystemStack.NOTIFICATION + page);
            wait.until(d -> d.findElement(By.id("signin")).isDisplayed());
        }
        driver.findElement(By.id("signin-link")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(SystemStack.ISSUER)
                && !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(username + "-local");
        driver.findElement(By.id("kc-login")).click();
        // Back through the code exchange, the page's load and its session request: slower on a busy machine.
        waitAtMost(Duration.ofSeconds(60))
                .withMessage(
                        () -> "not signed in as " + username + " at " + driver.getCurrentUrl() + "; the page says: "
                                + driver.findElement(By.tagName("body")).getText())
                .until(d -> d.getCurrentUrl().startsWith(SystemStack.NOTIFICATION + page)
                        && username.equals(d.findElement(By.id("who")).getAttribute("data-username")));
    }

    /** "Sign out": ends the provider's session too, and comes back to the dashboard's sign-in. */
    public void signOut() {
        driver.findElement(By.id("signout")).click();
        waitAtMost(Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().startsWith(SystemStack.NOTIFICATION)
                        && d.findElement(By.id("signin")).isDisplayed());
    }

    /** Saves what the page shows now as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
