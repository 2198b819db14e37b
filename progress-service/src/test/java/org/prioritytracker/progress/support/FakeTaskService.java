package org.prioritytracker.progress.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * task-service's read API (GET /api/items, /api/items/{code}, /api/priorities,
 * /api/plans/{year}/priorities, /api/provinces) as its OpenAPI document describes it, serving the
 * repository's seed data: the 2025 plan, further plans a test adds from files in the same format, and
 * the 32 bureaus, which a test may deactivate. It can be taken
 * down to test how progress-service behaves when task-service is unreachable.
 */
public final class FakeTaskService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeTaskService instance;

    private final int port;
    private static final Path ROOT = Path.of(System.getProperty("tracker.root", ".."));

    // Read by the server's threads while a test changes them.
    private final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
    private final Map<Integer, ArrayNode> plans = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> bureaus = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private volatile boolean failing;

    private FakeTaskService(int port) {
        this.port = port;
        reset();
    }

    public static synchronized FakeTaskService get() {
        if (instance == null) {
            instance = new FakeTaskService(freePort());
            instance.up();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int requests() {
        return requests.get();
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/", this::handle);
        server.start();
    }

    /** Answers every request with 503 (counted), as a task-service that is up but broken. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        if (failing) {
            respond(exchange, 503, "{\"status\":503}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, "{}");
        } else if (path.equals("/api/items")) {
            respond(
                    exchange,
                    200,
                    "{\"items\": " + items.values() + ", \"page\": 0, \"size\": 200, \"total\": " + items.size() + "}");
        } else if (path.equals("/api/provinces")) {
            respond(exchange, 200, bureaus.values().toString());
        } else if (path.equals("/api/priorities")) {
            respond(exchange, 200, plans.get(2025).toString());
        } else if (path.equals("/api/plans")) {
            respond(
                    exchange,
                    200,
                    plans.keySet().stream()
                            .sorted(java.util.Comparator.reverseOrder())
                            .map(year -> "{\"year\": " + year + "}")
                            .toList()
                            .toString());
        } else if (path.matches("/api/plans/[0-9]{4}/priorities")
                && plans.containsKey(Integer.parseInt(path.substring(11, 15)))) {
            respond(
                    exchange,
                    200,
                    plans.get(Integer.parseInt(path.substring(11, 15))).toString());
        } else if (path.startsWith("/api/items/") && items.containsKey(path.substring("/api/items/".length()))) {
            respond(
                    exchange,
                    200,
                    items.get(path.substring("/api/items/".length())).toString());
        } else {
            respond(exchange, 404, "{\"status\":404}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Back to the seed data alone: the 2025 plan, every item active. */
    public synchronized void reset() {
        items.clear();
        plans.clear();
        addPlan(ROOT.resolve("seeds/priorities.json"));
        bureaus.clear();
        try {
            for (JsonNode bureau :
                    JSON.readTree(ROOT.resolve("seeds/provinces.json").toFile()).get("bureaus")) {
                bureaus.put(
                        bureau.get("code").asText(),
                        JSON.createObjectNode()
                                .put("code", bureau.get("code").asText())
                                .put("nameZh", bureau.get("nameZh").asText())
                                .put("active", true)
                                .putNull("deactivatedAt"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the ministry's deactivating of a bureau at that time. */
    public synchronized void deactivate(String provinceCode, String at) {
        bureaus.get(provinceCode).put("active", false).put("deactivatedAt", at);
    }

    /**
     * Adds a plan from a file in the seed format; rows without a code get the one their place gives,
     * as task-service's import does.
     */
    public synchronized void addPlan(Path file) {
        try {
            JsonNode plan = JSON.readTree(file.toFile());
            int planYear = plan.get("planYear").asInt();
            ArrayNode priorities = JSON.createArrayNode();
            int position = 0;
            for (JsonNode priority : plan.get("priorities")) {
                position++;
                String priorityCode =
                        priority.has("code") ? priority.get("code").asText() : planYear + "-P" + position;
                ObjectNode summary = priorities
                        .addObject()
                        .put("code", priorityCode)
                        .put("planYear", planYear)
                        .put("position", position)
                        .put("titleZh", priority.get("titleZh").asText())
                        .put("titleEn", priority.get("titleEn").asText());
                ArrayNode list = summary.putArray("items");
                int itemPosition = 0;
                for (JsonNode item : priority.get("items")) {
                    itemPosition++;
                    String code = item.has("code") ? item.get("code").asText() : priorityCode + "." + itemPosition;
                    ObjectNode view = JSON.createObjectNode()
                            .put("code", code)
                            .put("priorityCode", priorityCode)
                            .put("planYear", planYear)
                            .put("titleZh", item.get("titleZh").asText())
                            .put("titleEn", item.get("titleEn").asText())
                            .put("dueDate", item.get("dueDate").asText())
                            .put("status", "IN_PROGRESS")
                            .put("version", 3)
                            .putNull("createdAt")
                            .putNull("archivedAt");
                    items.put(code, view);
                    list.add(view);
                }
            }
            plans.put(planYear, priorities);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As the ministry's archiving of an item at that time. */
    public synchronized void archive(String itemCode, String at) {
        items.get(itemCode).put("archivedAt", at);
    }

    /** As the ministry's adding of an item during the year: it existed only from that time. */
    public synchronized void createdAt(String itemCode, String at) {
        items.get(itemCode).put("createdAt", at);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
