package org.prioritytracker.system.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a service process holds, read from {@code /proc}: its memory (RSS, and the private part of it),
 * threads, CPU time, its established connections to the Kafka broker, and the connections that the
 * benchmark's clients (source addresses 127.0.0.2 and up) hold to it. Also the Prometheus metrics it
 * publishes at /q/metrics.
 */
final class ServiceProbe {

    /** One sample; memory in kB. */
    record Sample(
            long rssKb, long privateKb, int threads, int kafkaConnections, int clientConnections, double cpuSeconds) {}

    private static final double TICKS_PER_SECOND = clockTicks();
    private static final String ESTABLISHED = "01";

    private final long pid;
    private final int kafkaPort;
    private final int servicePort;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ServiceProbe(long pid, int kafkaPort, int servicePort) {
        this.pid = pid;
        this.kafkaPort = kafkaPort;
        this.servicePort = servicePort;
    }

    static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    long pid() {
        return pid;
    }

    Sample sample() {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("Threads:")) {
                    threads =
                            Integer.parseInt(line.substring("Threads:".length()).strip());
                }
            }
            long privateKb = 0;
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:")) {
                    privateKb += kilobytes(line);
                }
            }
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            int[] connections = connections(proc);
            return new Sample(rss, privateKb, threads, connections[0], connections[1], cpu);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/" + pid + " (did the service die?)", e);
        }
    }

    /** [established connections to the broker port, connections from the benchmark's source addresses to the service port]. */
    private int[] connections(Path proc) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed in between
                }
            }
        }
        int kafka = 0;
        int clients = 0;
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (int i = 1; i < lines.size(); i++) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] f = lines.get(i).strip().split("\\s+");
                if (f.length < 10 || !inodes.contains(f[9])) {
                    continue;
                }
                int localPort = port(f[1]);
                int remotePort = port(f[2]);
                if (remotePort == kafkaPort && ESTABLISHED.equals(f[3])) {
                    kafka++;
                } else if (localPort == servicePort && isBenchmarkAddress(f[2])) {
                    clients++;
                }
            }
        }
        return new int[] {kafka, clients};
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    /** 127.0.0.2 and up: /proc shows an IPv4 address (or the last word of an IPv6 one) as four bytes, lowest first. */
    private static boolean isBenchmarkAddress(String address) {
        String hex = address.substring(0, address.indexOf(':'));
        String ipv4 = hex.substring(hex.length() - 8);
        int first = Integer.parseInt(ipv4.substring(6, 8), 16);
        int last = Integer.parseInt(ipv4.substring(0, 2), 16);
        return first == 127 && last >= 2 && ipv4.substring(2, 6).equals("0000");
    }

    private static long kilobytes(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        return Long.parseLong(value.split("\\s+")[0]);
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100.0;
        } catch (IOException | NumberFormatException e) {
            return 100.0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100.0;
        }
    }

    /** The service's metrics in Prometheus text, or null when it does not answer with them. */
    static String metrics(String baseUrl, String token) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                            .header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(20))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The sum of the samples of {@code name} whose labels contain {@code label} (e.g.
     * {@code reason="slow-client"}, or null for any), NaN when there is none.
     */
    static double metric(String metrics, String name, String label) {
        if (metrics == null) {
            return Double.NaN;
        }
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            char after = line.length() > name.length() ? line.charAt(name.length()) : ' ';
            if (after != '{' && after != ' ') {
                continue;
            }
            if (label != null && !line.contains(label)) {
                continue;
            }
            try {
                // "name{labels} value [timestamp]": the value follows the closing brace or the name.
                int valueAt = line.contains("}") ? line.lastIndexOf('}') + 1 : name.length();
                String value = line.substring(valueAt).strip().split("\\s+")[0];
                sum += Double.parseDouble(value);
                found = true;
            } catch (RuntimeException e) {
                // not a sample line
            }
        }
        return found ? sum : Double.NaN;
    }
}
