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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * task-service's read API (GET /api/items, /api/items/{code}, /api/priorities) as its OpenAPI document
 * describes it, serving the repository's seed data. It can be taken down to test how
 * progress-service behaves when task-service is unreachable.
 */
public final class FakeTaskService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeTaskService instance;

    private final int port;
    private final Map<String, ObjectNode> items = new LinkedHashMap<>();
    private final ArrayNode priorities = JSON.createArrayNode();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private volatile boolean failing;

    private FakeTaskService(int port) {
        this.port = port;
        load();
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
            respond(exchange, 200, "{\"items\": " + items.values() + ", \"page\": 0, \"size\": 200, \"total\": " + items.size() + "}");
        } else if (path.equals("/api/priorities")) {
            respond(exchange, 200, priorities.toString());
        } else if (path.startsWith("/api/items/") && items.containsKey(path.substring("/api/items/".length()))) {
            respond(exchange, 200, items.get(path.substring("/api/items/".length())).toString());
        } else {
            respond(exchange, 404, "{\"status\":404}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void load() {
        try {
            JsonNode seeds = JSON.readTree(Path.of(System.getProperty("tracker.root", ".."), "seeds", "priorities.json").toFile());
            int planYear = seeds.get("planYear").asInt();
            for (JsonNode priority : seeds.get("priorities")) {
                ObjectNode summary = priorities.addObject().put("code", priority.get("code").asText())
                        .put("planYear", planYear).put("position", priority.get("position").asInt())
                        .put("titleZh", priority.get("titleZh").asText()).put("titleEn", priority.get("titleEn").asText());
                ArrayNode list = summary.putArray("items");
                for (JsonNode item : priority.get("items")) {
                    ObjectNode view = JSON.createObjectNode().put("code", item.get("code").asText())
                            .put("priorityCode", priority.get("code").asText()).put("planYear", planYear)
                            .put("titleZh", item.get("titleZh").asText()).put("titleEn", item.get("titleEn").asText())
                            .put("dueDate", item.get("dueDate").asText()).put("status", "IN_PROGRESS").put("version", 3)
                            .putNull("archivedAt");
                    items.put(item.get("code").asText(), view);
                    list.add(view);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
