package org.prioritytracker.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the whole system for the system tests, as a user would: {@code deploy/local/up} once before
 * the first test class that needs it, {@code deploy/local/down} after the last one, whatever the
 * outcome. The stack keeps its PIDs and logs under target/stack and uses databases of its own
 * (suffix _e2e), so it never touches a developer's running stack or data.
 */
public class SystemStack implements BeforeAllCallback {

    public static final String TASK = "http://127.0.0.1:8081";
    public static final String PROGRESS = "http://127.0.0.1:8082";
    public static final String NOTIFICATION = "http://127.0.0.1:8083";

    static final Path ROOT = Path.of(System.getProperty("tracker.root", "..")).toAbsolutePath().normalize();
    static final Path STACK_DIR = Path.of(System.getProperty("tracker.stack.dir", "target/stack")).toAbsolutePath();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemStack.class, key -> new Running(), Running.class);
    }

    /** Kills notification-service as a crash would (SIGKILL), leaving everything else up. */
    public static void killNotificationService() {
        try {
            String pid = Files.readString(STACK_DIR.resolve("run/notification-service.pid")).strip();
            run(List.of("kill", "-9", pid), Map.of());
            Path proc = Path.of("/proc", pid);
            for (int i = 0; i < 100 && Files.exists(proc); i++) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts whatever of the stack is not running (after a kill), and waits until it is ready. */
    public static void up() {
        deploy("up");
    }

    /** Installs Debian's Chromium and ChromeDriver when they are missing (deploy/local/browser). */
    public static void ensureBrowser() {
        run(List.of(ROOT.resolve("deploy/local/browser").toString(), "ensure"), Map.of());
    }

    public static void broker(String command) {
        run(List.of(ROOT.resolve("deploy/local/kafka/broker").toString(), command), Map.of());
    }

    private static void deploy(String command) {
        run(List.of(ROOT.resolve("deploy/local/" + command).toString()), Map.of(
                "TRACKER_RUN_DIR", STACK_DIR.resolve("run").toString(),
                "TRACKER_LOG_DIR", STACK_DIR.resolve("logs").toString(),
                "TRACKER_DB_SUFFIX", "_e2e",
                "SKIP_BUILD", "1"));
    }

    public static void run(List<String> command, Map<String, String> environment) {
        try {
            // The scripts' output goes to a file: the test JVM's own stdout belongs to failsafe.
            Files.createDirectories(STACK_DIR);
            Path log = STACK_DIR.resolve("deploy.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Running implements ExtensionContext.Store.CloseableResource {

        Running() {
            try {
                up();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            deploy("down");
        }
    }
}
