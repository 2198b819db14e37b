package org.prioritytracker.system.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.prioritytracker.testsupport.Scripts;

/**
 * Runs the whole system for the system tests, as a user would, with {@code deploy/local/up}: once
 * before the first test class that declares this extension, stopped with {@code deploy/local/down}
 * after the last one, whatever the outcome. It is a stack of its own beside any other on the
 * machine: services on 18081-18083, Keycloak on 18180 (health 18190, home under target/stack), a
 * Kafka broker on 29092 (data under target/stack), and databases with the suffix _e2e, created anew
 * at the start of each run. The services trust Keycloak's tokens only, as {@code up} starts them.
 */
public class SystemStack implements BeforeAllCallback {

    public static final String TASK = "http://127.0.0.1:18081";
    public static final String PROGRESS = "http://127.0.0.1:18082";
    public static final String NOTIFICATION = "http://127.0.0.1:18083";
    public static final String KAFKA = "127.0.0.1:29092";
    public static final String TOPIC = "status-changes";
    public static final List<String> DATABASES = List.of("tasks_e2e", "progress_e2e", "notifications_e2e");
    public static final String KEYCLOAK = "http://127.0.0.1:18180";
    public static final String ISSUER = KEYCLOAK + "/realms/priority-tracker";
    /** Tokens expire within seconds of their {@code exp}, so that a test of expiry need not wait a minute. */
    public static final int CLOCK_SKEW_SECONDS = 3;

    public static final Path STACK_DIR =
            Path.of(System.getProperty("tracker.stack.dir", "target/stack")).toAbsolutePath();
    private static final Path LOG = STACK_DIR.resolve("deploy.log");
    /** System properties {@code tracker.stack.env.NAME=value} become environment variables of the stack. */
    private static final String ENV_PREFIX = "tracker.stack.env.";

    @Override
    public void beforeAll(ExtensionContext context) {
        // The replicated stack's execution (tracker.stack.replicas) runs its own tests only, even when
        // -Dit.test names a single-stack class, which both executions then select.
        Assumptions.assumeTrue(
                System.getProperty("tracker.stack.replicas") == null,
                "the single stack's tests run in the single stack's execution");
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemStack.class, key -> start(), StackRun.class);
    }

    /** The environment of the stack's scripts: its own folders, ports and databases. */
    static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TRACKER_RUN_DIR", STACK_DIR.resolve("run").toString());
        environment.put("TRACKER_LOG_DIR", STACK_DIR.resolve("logs").toString());
        environment.put("TRACKER_DB_SUFFIX", "_e2e");
        environment.put("SKIP_BUILD", "1");
        environment.put("TASK_SERVICE_PORT", "18081");
        environment.put("PROGRESS_SERVICE_PORT", "18082");
        environment.put("NOTIFICATION_SERVICE_PORT", "18083");
        environment.put("KAFKA_PORT", "29092");
        environment.put("KAFKA_CONTROLLER_PORT", "29093");
        environment.put("KAFKA_STATE_DIR", STACK_DIR.resolve("kafka").toString());
        environment.put("KEYCLOAK_PORT", "18180");
        environment.put("KEYCLOAK_MANAGEMENT_PORT", "18190");
        environment.put("KEYCLOAK_STATE_DIR", STACK_DIR.resolve("keycloak").toString());
        // The services read it from their environment (SmallRye JWT's allowed clock skew, 60 s by default).
        environment.put("MP_JWT_VERIFY_CLOCK_SKEW", Integer.toString(CLOCK_SKEW_SECONDS));
        // The overdue check runs every few seconds, so that the tests see its events.
        environment.put("TRACKER_OVERDUE_EVERY", "3s");
        environment.put("TRACKER_OVERDUE_DELAY", "3s");
        // So does the reminder check, so that a test sees its reminders, and that later runs add none.
        environment.put("TRACKER_REMINDERS_EVERY", "3s");
        environment.put("TRACKER_REMINDERS_DELAY", "3s");
        // The stream tests open 500 streams over the 35 development users that may read them, and
        // resume from positions older than a small ring, so that the catch-up from the database runs
        // too; a client that takes nothing for 5 s is ended (30 s by default).
        environment.put("TRACKER_STREAM_MAX_STREAMS_PER_CALLER", "16");
        environment.put("TRACKER_STREAM_RING_EVENTS", "300");
        environment.put("TRACKER_STREAM_SLOW_CLIENT_TIMEOUT", "5s");
        // The benchmarks drive one caller far beyond a person's pace (200 status changes a second).
        environment.put("TRACKER_RATE_LIMIT_WRITES_PER_PERIOD", "100000");
        // -Dtracker.java.opts=... reaches the services' JVMs, for a JFR recording of a benchmark, say.
        String javaOptions = System.getProperty("tracker.java.opts", "");
        if (!javaOptions.isBlank()) {
            environment.put("TRACKER_JAVA_OPTS", javaOptions);
        }
        String collector = System.getProperty("tracker.service.gc", "");
        if (!collector.isBlank()) {
            environment.put("SERVICE_GC", collector);
        }
        // -Dtracker.stack.env.NAME=value adds NAME=value to the scripts' environment, which the services
        // inherit: a setting for one run, such as TRACKER_STREAM_MAX_STREAMS_PER_CALLER for a benchmark.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(ENV_PREFIX))
                .filter(name -> name.length() > ENV_PREFIX.length())
                .forEach(name -> environment.put(name.substring(ENV_PREFIX.length()), System.getProperty(name)));
        return environment;
    }

    /** Kills a service as a crash would (SIGKILL), leaving everything else up; it stays down until {@link #up()}. */
    public static void kill(String service) {
        try {
            String pid = Files.readString(STACK_DIR.resolve("run/" + service + ".pid"))
                    .strip();
            new ProcessBuilder("kill", "-9", pid).start().waitFor();
            Path proc = Path.of("/proc", pid);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(proc));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts whatever of the stack is not running (after a kill), and waits until it is ready. */
    public static void up() {
        Scripts.run("up", List.of(), environment(), LOG);
    }

    /** Stops the stack's broker, or starts it again with the data it had. */
    public static void broker(String command) {
        Scripts.run("kafka/broker", List.of(command), environment(), LOG);
    }

    /** Restarts the machine's PostgreSQL cluster: every service loses its connections at once. */
    public static void restartPostgres() {
        Scripts.run("database", List.of("restart"), Map.of(), LOG);
    }

    /** Stops the machine's PostgreSQL cluster until {@link #startPostgres()}: an outage of a chosen length. */
    public static void stopPostgres() {
        Scripts.run("database", List.of("stop"), Map.of(), LOG);
    }

    /** Starts the machine's PostgreSQL cluster again and waits until it accepts connections. */
    public static void startPostgres() {
        Scripts.run("database", List.of("start"), Map.of(), LOG);
    }

    /** Installs Debian's Chromium and ChromeDriver when they are missing (deploy/local/browser). */
    public static void ensureBrowser() {
        Scripts.run("browser", List.of("ensure"), Map.of(), LOG);
    }

    /**
     * Starts Keycloak on its new database and waits for its realm here, not in a script: fetching and
     * building the distribution, and a first start (schema and import), each take minutes on a busy
     * machine, and Scripts.run gives a script five.
     */
    private static void startKeycloak() {
        Scripts.run("keycloak/server", List.of("fetch"), environment(), LOG);
        Map<String, String> noWait = new HashMap<>(environment());
        noWait.put("KEYCLOAK_WAIT", "0");
        Scripts.run("keycloak/server", List.of("start"), noWait, LOG);
    }

    private static void awaitKeycloak() {
        Awaitility.await("the realm's discovery document")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                // Until the HTTP port opens; a dead Keycloak still fails the wait through status.
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    // Fails at once (exit 3) when Keycloak has died: see the log.
                    Scripts.run("keycloak/server", List.of("status"), environment(), LOG);
                    return RestAssured.given()
                                    .get(ISSUER + "/.well-known/openid-configuration")
                                    .statusCode()
                            == 200;
                });
    }

    /** The stack for one run: new databases, Keycloak and a broker from empty data, then the services. */
    private static StackRun start() {
        return new StackRun(
                List.of(
                        () -> Scripts.run(
                                "database",
                                List.of(
                                        "recreate",
                                        DATABASES.get(0),
                                        DATABASES.get(1),
                                        DATABASES.get(2),
                                        "keycloak_e2e"),
                                Map.of(),
                                LOG),
                        SystemStack::startKeycloak,
                        () -> {
                            Map<String, String> fresh = new HashMap<>(environment());
                            fresh.put("KAFKA_FRESH", "1");
                            Scripts.run("kafka/broker", List.of("start"), fresh, LOG);
                        },
                        SystemStack::awaitKeycloak,
                        SystemStack::up),
                List.of(
                        () -> Scripts.run("down", List.of(), environment(), LOG),
                        () -> broker("stop"),
                        // Started here, before up, so down leaves it alone.
                        () -> Scripts.run("keycloak/server", List.of("stop"), environment(), LOG)));
    }
}
