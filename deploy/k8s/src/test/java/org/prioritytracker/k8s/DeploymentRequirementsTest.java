package org.prioritytracker.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What issue 12 asks of the rendered deployment, for each overlay: the three services with probes,
 * resources from the benchmark and a locked-down container; their Services, PodDisruptionBudgets and
 * autoscalers; configuration that resolves; Kafka and PostgreSQL as the architecture describes them; and
 * an Ingress that routes each API to the service that serves it.
 */
class DeploymentRequirementsTest {

    /** The sizes each overlay promises. */
    enum Overlay {
        SMALL(Renders.SMALL, 1, 2, 2, 1),
        PRODUCTION(Renders.PRODUCTION, 3, 6, 8, 2);

        final String dir;
        final int apiMinReplicas;
        final int taskMaxReplicas;
        final int progressMaxReplicas;
        final int notificationReplicas;

        Overlay(
                String dir,
                int apiMinReplicas,
                int taskMaxReplicas,
                int progressMaxReplicas,
                int notificationReplicas) {
            this.dir = dir;
            this.apiMinReplicas = apiMinReplicas;
            this.taskMaxReplicas = taskMaxReplicas;
            this.progressMaxReplicas = progressMaxReplicas;
            this.notificationReplicas = notificationReplicas;
        }
    }

    /** Each service: its port, the heap bench/run ran it with and the RSS it measured after load (MiB). */
    private record Service(String name, int port, String heap, int measuredRssMib) {}

    private static final List<Service> SERVICES = List.of(
            new Service("task-service", 8081, "96m", 280),
            new Service("progress-service", 8082, "128m", 319),
            new Service("notification-service", 8083, "384m", 378));

    private static final Pattern API_PATH = Pattern.compile("@Path\\(\"(/api/[^/\"]+)[^\"]*\"\\)");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theThreeServicesRunWithProbesResourcesAndALockedDownContainer(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        for (Service service : SERVICES) {
            ObjectNode deployment = Renders.one(documents, "Deployment", service.name());
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = onlyContainer(deployment);
            String where = overlay + " " + service.name() + ": ";

            assertEquals(
                    "priority-tracker/" + service.name() + ":1.0.0",
                    container.path("image").asText(),
                    where + "image");
            assertEquals(service.port(), container.at("/ports/0/containerPort").asInt(), where + "port");
            assertProbe(container, "startupProbe", "/q/health/started", where);
            assertProbe(container, "livenessProbe", "/q/health/live", where);
            assertProbe(container, "readinessProbe", "/q/health/ready", where);

            JsonNode resources = container.path("resources");
            for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                assertFalse(resources.at(field).asText().isEmpty(), where + "resources" + field + " is missing");
            }
            long request = bytes(resources.at("/requests/memory").asText());
            long limit = bytes(resources.at("/limits/memory").asText());
            assertTrue(
                    request >= service.measuredRssMib() * 1024L * 1024L,
                    where + "the memory request is below the RSS bench/run measured (" + service.measuredRssMib()
                            + " MiB)");
            assertTrue(limit > request, where + "the memory limit leaves no room above the request");
            String javaOptions = environment(documents, deployment).get("JAVA_TOOL_OPTIONS");
            assertNotNull(javaOptions, where + "JAVA_TOOL_OPTIONS is not set");
            assertTrue(javaOptions.contains("-Xmx" + service.heap()), where + "heap is not -Xmx" + service.heap());
            assertTrue(
                    bytes(service.heap().replace("m", "Mi")) * 2 <= request,
                    where + "the heap takes over half the request");

            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), where + "runAsNonRoot");
            assertTrue(
                    container.at("/securityContext/readOnlyRootFilesystem").asBoolean(),
                    where + "readOnlyRootFilesystem");
            assertFalse(
                    container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true),
                    where + "allowPrivilegeEscalation");
            assertEquals(
                    "[\"ALL\"]",
                    container.at("/securityContext/capabilities/drop").toString(),
                    where + "capabilities");
            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertNotNull(tmpVolume, where + "nothing is mounted on /tmp");
            assertTrue(volume(pod, tmpVolume).has("emptyDir"), where + "/tmp is not an emptyDir");

            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            ObjectNode serviceObject = Renders.one(documents, "Service", service.name());
            assertTrue(
                    selects(serviceObject.at("/spec/selector"), podLabels), where + "the Service selects other pods");
            assertEquals(service.port(), serviceObject.at("/spec/ports/0/port").asInt(), where + "Service port");
            assertEquals("http", serviceObject.at("/spec/ports/0/targetPort").asText(), where + "Service targetPort");

            ObjectNode budget = Renders.one(documents, "PodDisruptionBudget", service.name());
            assertTrue(
                    selects(budget.at("/spec/selector/matchLabels"), podLabels),
                    where + "the budget selects other pods");
            int fewest = service.name().equals("notification-service")
                    ? overlay.notificationReplicas
                    : overlay.apiMinReplicas;
            assertTrue(
                    allowsADisruption(budget.path("spec"), fewest),
                    where + "the PodDisruptionBudget allows no eviction at " + fewest
                            + " replicas, so no node could drain");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theApisScaleByCpuAndTheCaptureServiceHasAFixedCount(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        Map<String, Integer> maxima =
                Map.of("task-service", overlay.taskMaxReplicas, "progress-service", overlay.progressMaxReplicas);
        for (Map.Entry<String, Integer> api : maxima.entrySet()) {
            ObjectNode autoscaler = Renders.one(documents, "HorizontalPodAutoscaler", api.getKey());
            assertEquals("autoscaling/v2", autoscaler.path("apiVersion").asText());
            assertEquals(
                    "Deployment", autoscaler.at("/spec/scaleTargetRef/kind").asText());
            assertEquals(
                    api.getKey(), autoscaler.at("/spec/scaleTargetRef/name").asText());
            assertEquals(
                    overlay.apiMinReplicas, autoscaler.at("/spec/minReplicas").asInt(), api.getKey() + " minReplicas");
            assertEquals(
                    api.getValue().intValue(),
                    autoscaler.at("/spec/maxReplicas").asInt(),
                    api.getKey() + " maxReplicas");
            assertEquals("cpu", autoscaler.at("/spec/metrics/0/resource/name").asText());
            assertTrue(
                    Renders.one(documents, "Deployment", api.getKey())
                            .at("/spec/replicas")
                            .isMissingNode(),
                    api.getKey() + ": the autoscaler owns the replica count, the Deployment must not set one");
        }
        assertTrue(
                Renders.ofKind(documents, "HorizontalPodAutoscaler").stream()
                        .noneMatch(
                                h -> h.at("/spec/scaleTargetRef/name").asText().equals("notification-service")),
                "notification-service must not be autoscaled: one replica at a time holds the capture");
        assertEquals(
                overlay.notificationReplicas,
                Renders.one(documents, "Deployment", "notification-service")
                        .at("/spec/replicas")
                        .asInt());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceGetsTheConfigurationItsPropertiesNeedAndItResolves(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        Map<String, List<String>> needed = Map.of(
                "task-service",
                        List.of(
                                "QUARKUS_HTTP_HOST",
                                "QUARKUS_DATASOURCE_JDBC_URL",
                                "QUARKUS_DATASOURCE_USERNAME",
                                "QUARKUS_DATASOURCE_PASSWORD",
                                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                "TRACKER_IDENTITY_ISSUER",
                                "TRACKER_IDENTITY_SERVICE_CLIENTS",
                                "TRACKER_DASHBOARD_ORIGINS"),
                "progress-service",
                        List.of(
                                "QUARKUS_HTTP_HOST",
                                "QUARKUS_DATASOURCE_JDBC_URL",
                                "QUARKUS_DATASOURCE_USERNAME",
                                "QUARKUS_DATASOURCE_PASSWORD",
                                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                "TRACKER_IDENTITY_ISSUER",
                                "KAFKA_BOOTSTRAP_SERVERS",
                                "TRACKER_KAFKA_TOPIC",
                                "TRACKER_TASK_SERVICE_URL",
                                "TRACKER_IDENTITY_CLIENT_SECRET",
                                "TRACKER_DASHBOARD_ORIGINS"),
                "notification-service",
                        List.of(
                                "QUARKUS_HTTP_HOST",
                                "QUARKUS_DATASOURCE_JDBC_URL",
                                "QUARKUS_DATASOURCE_USERNAME",
                                "QUARKUS_DATASOURCE_PASSWORD",
                                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                "TRACKER_IDENTITY_ISSUER",
                                "TRACKER_DASHBOARD_SESSION_SECRET",
                                "KAFKA_BOOTSTRAP_SERVERS",
                                "TRACKER_KAFKA_TOPIC",
                                "TRACKER_CAPTURE_OFFSETS_TOPIC",
                                "TRACKER_CAPTURE_OFFSETS_REPLICATION_FACTOR",
                                "TRACKER_CAPTURE_SOURCES_TASKS_HOST",
                                "TRACKER_CAPTURE_SOURCES_TASKS_DATABASE",
                                "TRACKER_CAPTURE_SOURCES_TASKS_USER",
                                "TRACKER_CAPTURE_SOURCES_TASKS_PASSWORD",
                                "TRACKER_CAPTURE_SOURCES_PROGRESS_HOST",
                                "TRACKER_CAPTURE_SOURCES_PROGRESS_DATABASE",
                                "TRACKER_CAPTURE_SOURCES_PROGRESS_USER",
                                "TRACKER_CAPTURE_SOURCES_PROGRESS_PASSWORD",
                                "TRACKER_DASHBOARD_TASK_SERVICE_URL",
                                "TRACKER_DASHBOARD_PROGRESS_SERVICE_URL"));
        for (Service service : SERVICES) {
            ObjectNode deployment = Renders.one(documents, "Deployment", service.name());
            Map<String, String> env = environment(documents, deployment);
            for (String name : needed.get(service.name())) {
                assertTrue(env.containsKey(name), service.name() + " gets no " + name);
            }
            assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"), service.name() + " must listen beyond loopback");
            // Files named by the configuration exist in the container: a key of a mounted ConfigMap or Secret.
            for (Map.Entry<String, String> variable : env.entrySet()) {
                String value = variable.getValue().replaceFirst("^file:", "");
                if (value.startsWith("/etc/")) {
                    assertTrue(
                            mountedFileExists(documents, deployment, value),
                            service.name() + ": " + variable.getKey() + " names " + value
                                    + ", which no volume provides");
                }
            }
            // The datasource's user is the Secret's, and owns the database of the JDBC URL.
            String secretName = env.get("QUARKUS_DATASOURCE_PASSWORD").replaceFirst("^secret:([^/]+)/.*$", "$1");
            assertEquals(
                    env.get("QUARKUS_DATASOURCE_USERNAME"),
                    text(Renders.one(documents, "Secret", secretName), "/stringData/username"),
                    service.name() + ": the datasource user differs from its Secret's");
            String jdbcUrl = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            String database =
                    URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
            assertEquals(
                    env.get("QUARKUS_DATASOURCE_USERNAME"),
                    database(documents, database).at("/spec/owner").asText(),
                    service.name() + ": the datasource user does not own " + database);
        }
        Map<String, String> notification =
                environment(documents, Renders.one(documents, "Deployment", "notification-service"));
        for (String source : List.of("TASKS", "PROGRESS")) {
            database(documents, notification.get("TRACKER_CAPTURE_SOURCES_" + source + "_DATABASE"));
            String secret = notification
                    .get("TRACKER_CAPTURE_SOURCES_" + source + "_PASSWORD")
                    .replaceFirst("^secret:([^/]+)/.*$", "$1");
            assertEquals(
                    notification.get("TRACKER_CAPTURE_SOURCES_" + source + "_USER"),
                    text(Renders.one(documents, "Secret", secret), "/stringData/username"));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kafkaRunsThreeDualRoleNodesWithTheTopicsTheServicesUse(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        List<ObjectNode> clusters = Renders.ofKind(documents, "Kafka");
        assertEquals(1, clusters.size(), "one Kafka");
        ObjectNode kafka = clusters.get(0);
        String cluster = kafka.at("/metadata/name").asText();
        assertEquals("kafka.strimzi.io/v1", kafka.path("apiVersion").asText());

        List<ObjectNode> pools = Renders.ofKind(documents, "KafkaNodePool");
        assertEquals(1, pools.size(), "one KafkaNodePool");
        ObjectNode pool = pools.get(0);
        assertEquals(3, pool.at("/spec/replicas").asInt(), "KafkaNodePool replicas");
        assertEquals("[\"controller\",\"broker\"]", pool.at("/spec/roles").toString(), "KafkaNodePool roles");
        assertEquals(cluster, pool.at("/metadata/labels/strimzi.io~1cluster").asText(), "the pool's cluster");

        ObjectNode events = Renders.one(documents, "KafkaTopic", "status-changes");
        assertEquals(6, events.at("/spec/partitions").asInt(), "status-changes partitions");
        assertEquals(3, events.at("/spec/replicas").asInt(), "status-changes replicas");
        assertEquals("2", events.at("/spec/config/min.insync.replicas").asText(), "status-changes min.insync.replicas");
        assertEquals(cluster, events.at("/metadata/labels/strimzi.io~1cluster").asText());

        Map<String, String> notification =
                environment(documents, Renders.one(documents, "Deployment", "notification-service"));
        ObjectNode offsets = Renders.one(documents, "KafkaTopic", notification.get("TRACKER_CAPTURE_OFFSETS_TOPIC"));
        assertEquals(1, offsets.at("/spec/partitions").asInt(), "the offsets topic has one partition");
        assertEquals("compact", offsets.at("/spec/config/cleanup.policy").asText(), "the offsets topic is compacted");
        assertEquals(
                offsets.at("/spec/replicas").asText(), notification.get("TRACKER_CAPTURE_OFFSETS_REPLICATION_FACTOR"));
        assertEquals(cluster, offsets.at("/metadata/labels/strimzi.io~1cluster").asText());

        int plainPort = -1;
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            if (!listener.path("tls").asBoolean()
                    && listener.path("type").asText().equals("internal")) {
                plainPort = listener.path("port").asInt();
            }
        }
        for (String service : List.of("progress-service", "notification-service")) {
            Map<String, String> env = environment(documents, Renders.one(documents, "Deployment", service));
            assertEquals(cluster + "-kafka-bootstrap:" + plainPort, env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals("status-changes", env.get("TRACKER_KAFKA_TOPIC"), service);
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void postgresRunsThreeInstancesWithLogicalDecodingTheRolesAndTheDatabases(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        List<ObjectNode> clusters = Renders.ofKind(documents, "Cluster");
        assertEquals(1, clusters.size(), "one PostgreSQL Cluster");
        ObjectNode cluster = clusters.get(0);
        String name = cluster.at("/metadata/name").asText();
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(3, cluster.at("/spec/instances").asInt(), "PostgreSQL instances");
        assertEquals(
                "logical", cluster.at("/spec/postgresql/parameters/wal_level").asText(), "wal_level");

        Map<String, JsonNode> roles = new LinkedHashMap<>();
        for (JsonNode role : cluster.at("/spec/managed/roles")) {
            roles.put(role.path("name").asText(), role);
            assertTrue(role.path("login").asBoolean(), role + " cannot log in");
            ObjectNode secret = Renders.one(
                    documents, "Secret", role.at("/passwordSecret/name").asText());
            assertEquals(
                    "kubernetes.io/basic-auth", secret.path("type").asText(), "CloudNativePG reads basic-auth Secrets");
            assertEquals(role.path("name").asText(), text(secret, "/stringData/username"));
        }
        assertEquals(Set.of("tasks", "progress", "notifications", "tracker_cdc"), roles.keySet());
        assertTrue(roles.get("tracker_cdc").path("replication").asBoolean(), "tracker_cdc needs REPLICATION");
        for (String owner : List.of("tasks", "progress", "notifications")) {
            assertFalse(roles.get(owner).path("replication").asBoolean(), owner + " must not replicate");
            ObjectNode database = database(documents, owner);
            assertEquals(owner, database.at("/spec/owner").asText());
            assertEquals(name, database.at("/spec/cluster/name").asText());
        }
        Renders.one(
                documents,
                "Secret",
                cluster.at("/spec/bootstrap/initdb/secret/name").asText());

        for (Service service : SERVICES) {
            Map<String, String> env = environment(documents, Renders.one(documents, "Deployment", service.name()));
            assertTrue(
                    env.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + name + "-rw:5432/"),
                    service.name() + " must connect to the primary's service " + name + "-rw");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theIngressRoutesEveryApiOfTheServicesToTheServiceThatServesIt(Overlay overlay) {
        List<ObjectNode> documents = Renders.documents(overlay.dir);
        String host = URI.create(text(Renders.generated(documents, "ConfigMap", "tracker-public"), "/data/origin"))
                .getHost();
        Map<String, String> routes = new LinkedHashMap<>();
        Map<String, ObjectNode> ingressOfPath = new LinkedHashMap<>();
        for (ObjectNode ingress : Renders.ofKind(documents, "Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                assertEquals(host, rule.path("host").asText(), Renders.describe(ingress) + " host");
                for (JsonNode path : rule.at("/http/paths")) {
                    String route = path.path("path").asText();
                    assertFalse(route.startsWith("/q"), "/q/* stays inside the cluster: " + route);
                    routes.put(route, path.at("/backend/service/name").asText());
                    ingressOfPath.put(route, ingress);
                }
            }
            assertEquals(host, ingress.at("/spec/tls/0/hosts/0").asText(), Renders.describe(ingress) + " TLS host");
        }

        for (Service service : SERVICES) {
            Set<String> prefixes = apiPrefixes(service.name());
            assertFalse(prefixes.isEmpty(), "no @Path(\"/api/...\") found in " + service.name());
            for (String prefix : prefixes) {
                assertEquals(
                        service.name(),
                        routes.get(prefix),
                        "the Ingress does not route " + prefix + " to " + service.name());
            }
        }
        assertEquals("notification-service", routes.get("/"), "the dashboard");
        for (String page : pages()) {
            assertEquals("notification-service", routes.get(page), "the Ingress does not route the page " + page);
        }

        JsonNode stream = ingressOfPath.get("/api/events").at("/metadata/annotations");
        assertEquals(
                "off",
                stream.path("nginx.ingress.kubernetes.io/proxy-buffering").asText(),
                "SSE must not be buffered");
        assertTrue(
                stream.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt() >= 3600,
                "SSE needs a long read timeout");
    }

    /** The single container of a Deployment's pods. */
    private static JsonNode onlyContainer(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertEquals(1, containers.size(), Renders.describe(deployment) + " containers");
        return containers.get(0);
    }

    private static void assertProbe(JsonNode container, String probe, String path, String where) {
        assertEquals(path, container.at("/" + probe + "/httpGet/path").asText(), where + probe);
        assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), where + probe + " port");
    }

    /**
     * A container's environment as the pod sees it: ConfigMap values resolved from the render, Secret
     * values as "secret:NAME/KEY" (checked to exist), later entries overriding earlier ones.
     */
    static Map<String, String> environment(List<ObjectNode> documents, JsonNode deployment) {
        JsonNode container = onlyContainer(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                JsonNode data = Renders.one(
                                documents,
                                "ConfigMap",
                                source.at("/configMapRef/name").asText())
                        .path("data");
                data.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            } else {
                String name = source.at("/secretRef/name").asText();
                JsonNode secret = Renders.one(documents, "Secret", name);
                secretKeys(secret).forEach(k -> env.put(k, "secret:" + name + "/" + k));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            } else if (variable.at("/valueFrom/configMapKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/configMapKeyRef");
                String configMap = ref.path("name").asText();
                JsonNode value = Renders.one(documents, "ConfigMap", configMap)
                        .at("/data/" + ref.path("key").asText());
                assertFalse(
                        value.isMissingNode(), name + ": ConfigMap " + configMap + " has no key " + ref.path("key"));
                env.put(name, value.asText());
            } else if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                JsonNode ref = variable.at("/valueFrom/secretKeyRef");
                JsonNode secret =
                        Renders.one(documents, "Secret", ref.path("name").asText());
                assertTrue(
                        secretKeys(secret).contains(ref.path("key").asText()),
                        name + ": Secret " + ref.path("name").asText() + " has no key " + ref.path("key"));
                env.put(
                        name,
                        "secret:" + ref.path("name").asText() + "/"
                                + ref.path("key").asText());
            } else {
                throw new AssertionError(
                        Renders.describe(deployment) + ": " + name + " comes from where this test cannot follow");
            }
        }
        return env;
    }

    private static Set<String> secretKeys(JsonNode secret) {
        Set<String> keys = new TreeSet<>();
        secret.path("data").properties().forEach(e -> keys.add(e.getKey()));
        secret.path("stringData").properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** Whether a mounted ConfigMap or Secret of the pod provides this file. */
    private static boolean mountedFileExists(List<ObjectNode> documents, JsonNode deployment, String file) {
        JsonNode pod = deployment.at("/spec/template/spec");
        for (JsonNode mount : onlyContainer(deployment).path("volumeMounts")) {
            String folder = mount.path("mountPath").asText() + "/";
            if (!file.startsWith(folder)) {
                continue;
            }
            String key = file.substring(folder.length());
            JsonNode volume = volume(pod, mount.path("name").asText());
            if (volume.has("configMap")) {
                return Renders.one(
                                documents,
                                "ConfigMap",
                                volume.at("/configMap/name").asText())
                        .path("data")
                        .has(key);
            }
            if (volume.has("secret")) {
                return secretKeys(Renders.one(
                                documents,
                                "Secret",
                                volume.at("/secret/secretName").asText()))
                        .contains(key);
            }
        }
        return false;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowsADisruption(JsonNode spec, int replicas) {
        if (spec.has("maxUnavailable")) {
            return spec.path("maxUnavailable").asInt() >= 1;
        }
        return spec.path("minAvailable").isInt() && spec.path("minAvailable").asInt() < replicas;
    }

    private static ObjectNode database(List<ObjectNode> documents, String name) {
        List<ObjectNode> found = Renders.ofKind(documents, "Database").stream()
                .filter(d -> d.at("/spec/name").asText().equals(name))
                .toList();
        assertEquals(1, found.size(), "CloudNativePG Database resources for " + name);
        return found.get(0);
    }

    private static String text(JsonNode document, String pointer) {
        JsonNode value = document.at(pointer);
        assertFalse(value.isMissingNode(), Renders.describe(document) + " has no " + pointer);
        return value.asText();
    }

    /** "320Mi" -> bytes; the binary suffixes used here. */
    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("^(\\d+)(Ki|Mi|Gi)?$").matcher(quantity);
        assertTrue(m.matches(), "unexpected memory quantity " + quantity);
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "Ki" -> value << 10;
            case "Mi" -> value << 20;
            case "Gi" -> value << 30;
            default -> value;
        };
    }

    /** The first segment under /api of each class-level @Path in a service's sources, e.g. /api/items. */
    /** What notification-service serves as static files: each top-level file and folder (the dashboard, entry, review). */
    private static Set<String> pages() {
        Path resources = Renders.k8sDir()
                .resolve("../..")
                .normalize()
                .resolve("notification-service/src/main/resources/META-INF/resources");
        try (Stream<Path> entries = Files.list(resources)) {
            Set<String> pages = new TreeSet<>();
            entries.forEach(entry -> pages.add("/" + entry.getFileName()));
            assertTrue(pages.contains("/entry") && pages.contains("/review"), "pages found: " + pages);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> apiPrefixes(String service) {
        Path sources =
                Renders.k8sDir().resolve("../..").normalize().resolve(service).resolve("src/main/java");
        Set<String> prefixes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    // Class-level paths stand at the start of a line; a method's @Path is indented.
                    Matcher m = API_PATH.matcher(line);
                    if (line.startsWith("@Path") && m.find()) {
                        prefixes.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources, e);
        }
        return prefixes;
    }
}
