package org.prioritytracker.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/**
 * The Kafka broker of the module tests: a real one, run by deploy/local/kafka/test-broker on ports
 * and in a folder of its own (never the broker of a running deploy/local/up stack), with the test topic.
 */
public final class TestBroker {

    public static final int PORT = 19092;
    public static final String BOOTSTRAP = "127.0.0.1:" + PORT;
    public static final String TOPIC = "status-changes-test";

    private TestBroker() {}

    /**
     * Starts the broker, from empty data, unless it is already listening (.ci/run starts it before the
     * tests); returns whether this call started it.
     */
    public static boolean ensureRunning() {
        if (listening()) {
            return false;
        }
        run("start");
        return true;
    }

    /** Starts the broker again after {@link #stop()}, with the data it had. */
    public static void start() {
        run("restart");
    }

    public static void stop() {
        run("stop");
    }

    public static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String command) {
        Scripts.run(
                "kafka/test-broker", List.of(command), Map.of(), Scripts.ROOT.resolve("target/test-kafka-script.log"));
    }
}
