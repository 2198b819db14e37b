package org.prioritytracker.system.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.prioritytracker.testsupport.Scripts;

/**
 * The whole system with two instances of every service on a three-node Kafka cluster, started with
 * {@code deploy/local/up --replicas 2} as a user would: services on 19081-19083 (instance 0) and
 * 19181-19183 (instance 1), Kafka on 31092, 31192 and 31292 (below the kernel's ephemeral ports, 32768 and up,
 * which an outgoing connection may hold), databases _e2e created anew. It runs in
 * a failsafe execution of its own, after the single stack's tests have stopped theirs.
 */
public class ReplicatedStack implements BeforeAllCallback {

    public static final int REPLICAS = 2;
    public static final String KAFKA = "127.0.0.1:31092,127.0.0.1:31192,127.0.0.1:31292";
    private static final Path LOG = SystemStack.STACK_DIR.resolve("deploy.log");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ReplicatedStack.class, key -> start(), StackRun.class);
    }

    /** The base URL of instance {@code instance} of a service. */
    public static String url(String service, int instance) {
        int port = switch (service) {
            case "task-service" -> 19081;
            case "progress-service" -> 19082;
            case "notification-service" -> 19083;
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + (port + 100 * instance);
    }

    /** The name deploy/local gives instance {@code instance} of a service (its PID file's). */
    public static String instanceName(String service, int instance) {
        return instance == 0 ? service : service + "-" + instance;
    }

    /** Starts every instance and broker that is not running (after a kill), and waits until all are ready. */
    public static void up() {
        Scripts.run("up", List.of("--replicas", Integer.toString(REPLICAS)), environment(), LOG);
    }

    /** Kills Kafka node {@code node} (0, 1 or 2) as a lost machine would (SIGKILL). */
    public static void killBroker(int node) {
        Scripts.run("kafka/cluster", List.of("kill", Integer.toString(node)), environment(), LOG);
    }

    private static Map<String, String> environment() {
        Map<String, String> environment = SystemStack.environment();
        environment.put("TRACKER_REPLICAS", Integer.toString(REPLICAS));
        // This test is about faults, not sign-in: the services trust the development key (Tokens signs with it).
        environment.put("TRACKER_IDENTITY", "development-key");
        environment.put("TASK_SERVICE_PORT", "19081");
        environment.put("PROGRESS_SERVICE_PORT", "19082");
        environment.put("NOTIFICATION_SERVICE_PORT", "19083");
        environment.put("KAFKA_PORT", "31092");
        environment.put("KAFKA_CONTROLLER_PORT", "31093");
        return environment;
    }

    /** The stack for one run: new databases, a cluster from empty data, then the services. */
    private static StackRun start() {
        List<String> databases = SystemStack.DATABASES;
        return new StackRun(
                List.of(
                        () -> Scripts.run(
                                "database",
                                List.of("recreate", databases.get(0), databases.get(1), databases.get(2)),
                                Map.of(),
                                LOG),
                        () -> {
                            Map<String, String> fresh = environment();
                            fresh.put("KAFKA_FRESH", "1");
                            Scripts.run("kafka/cluster", List.of("start"), fresh, LOG);
                        },
                        ReplicatedStack::up),
                List.of(
                        () -> Scripts.run("down", List.of(), environment(), LOG),
                        () -> Scripts.run("kafka/cluster", List.of("stop"), environment(), LOG)));
    }
}
