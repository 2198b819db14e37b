package org.prioritytracker.system.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LatencyConsumer} in a JVM of its own (this JVM's java and class path, the JDK's default
 * options) and collects what it received: the dashboard side of the latency benchmark is then a
 * process that the load client's threads and collections do not disturb.
 */
final class ConsumerProcess implements AutoCloseable {

    /** One task-service event as the consumer saw it, in µs since the epoch (the producer's timestamp in ms). */
    record Receipt(long committedMicros, long producerMillis, long receivedMicros) {}

    private final Process process;
    private final Map<String, Receipt> events = new ConcurrentHashMap<>();
    /** Floor records by their send time, in µs: their receipt, in µs. */
    private final Map<Long, Long> floor = new ConcurrentHashMap<>();

    private final CountDownLatch ready = new CountDownLatch(1);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    ConsumerProcess(String bootstrapServers, String statusTopic, String floorTopic, Path log)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        process = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LatencyConsumer.class.getName(),
                        bootstrapServers,
                        statusTopic,
                        floorTopic))
                .redirectError(log.toFile())
                .start();
        reader.execute(this::read);
        if (!ready.await(60, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("The consumer process did not position itself within 60 s; see " + log);
        }
    }

    Map<String, Receipt> events() {
        return events;
    }

    Map<Long, Long> floor() {
        return floor;
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] fields = line.split(" ");
                switch (fields[0]) {
                    case "READY" -> ready.countDown();
                    case "E" ->
                        events.putIfAbsent(
                                fields[1],
                                new Receipt(
                                        Long.parseLong(fields[2]),
                                        Long.parseLong(fields[3]),
                                        Long.parseLong(fields[4])));
                    case "F" -> floor.putIfAbsent(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
                    default -> throw new IllegalStateException("Unexpected line from the consumer process: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            process.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.shutdown();
        reader.awaitTermination(5, TimeUnit.SECONDS);
    }
}
