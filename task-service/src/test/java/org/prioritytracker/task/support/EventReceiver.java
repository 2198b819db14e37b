package org.prioritytracker.task.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays notification-service's receiving end ({@code POST /internal/events}) for task-service's
 * relay tests: it records each delivery and can be taken down (connection refused) or made to fail.
 */
public final class EventReceiver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EventReceiver instance;

    /** One request as received. */
    public record Delivery(String contentType, String authorization, List<JsonNode> events) {
    }

    private final int port;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private HttpServer server;

    private EventReceiver(int port) {
        this.port = port;
    }

    public static synchronized EventReceiver get() {
        if (instance == null) {
            instance = new EventReceiver(freePort());
            instance.up();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + port, e);
        }
        server.createContext("/internal/events", this::handle);
        server.start();
    }

    /** Closes the port: the relay sees connection refused. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The next {@code count} deliveries are answered 503 and not recorded. */
    public void failNext(int count) {
        failuresToAnswer.set(count);
    }

    public void clear() {
        deliveries.clear();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<JsonNode> events() {
        List<JsonNode> all = new ArrayList<>();
        deliveries.forEach(d -> all.addAll(d.events()));
        return all;
    }

    public List<JsonNode> eventsFor(String subject) {
        return events().stream().filter(e -> subject.equals(e.path("subject").asText())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 503);
                return;
            }
            JsonNode batch = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            List<JsonNode> events = new ArrayList<>();
            batch.forEach(events::add);
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), events));
            respond(exchange, 202);
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
