package org.prioritytracker.notification.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the real Kafka broker of deploy/local runs while the tests do. A broker that was
 * already running (for example one that deploy/local/up started) is used and left alone; one that
 * this resource started is stopped afterwards.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP = "127.0.0.1:9092";

    private boolean startedHere;

    @Override
    public Map<String, String> start() {
        if (!listening()) {
            broker("start");
            startedHere = true;
        }
        return Map.of("kafka.bootstrap.servers", BOOTSTRAP);
    }

    @Override
    public void stop() {
        if (startedHere) {
            broker("stop");
        }
    }

    /** Runs deploy/local/kafka/broker with the given command, failing the tests if it fails. */
    public static void broker(String command) {
        Path script = Path.of(System.getProperty("tracker.root", ".."), "deploy", "local", "kafka", "broker");
        try {
            Process process = new ProcessBuilder(script.toString(), command).inheritIO().start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + command + " did not finish within 180 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + command + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 9092), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
