package org.prioritytracker.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CPU time that each process of the stack has used so far, read from {@code /proc}: the services
 * and the broker by the PID files that {@code deploy/local/up} writes, PostgreSQL as all of its
 * processes together (a backend per connection, the walsenders that feed the capture), and this JVM,
 * the load client. Two samples give each one's share of a benchmark's work, which says where its
 * time goes without a profiler attached.
 */
public final class ProcessCpu {

    /** Linux reports CPU time in clock ticks, 100 a second on every architecture it runs the JDK on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final String POSTGRESQL = "postgresql";
    private static final String LOAD_CLIENT = "benchmark client";

    private final Map<String, Long> ticks;

    private ProcessCpu(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /** Samples every process of the stack whose PID file is in {@code runDir}, PostgreSQL and this JVM. */
    public static ProcessCpu sample(Path runDir) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (Stream<Path> pidFiles = Files.list(runDir)) {
            pidFiles.filter(file -> file.getFileName().toString().endsWith(".pid"))
                    .sorted()
                    .forEach(file -> {
                        String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                        pidIn(file).ifPresent(pid -> ticks.put(name, ticksOf(pid)));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ticks.put(POSTGRESQL, postgresTicks());
        ticks.put(LOAD_CLIENT, ticksOf(ProcessHandle.current().pid()));
        return new ProcessCpu(ticks);
    }

    /** Seconds of CPU each process used between {@code earlier} and this sample. */
    public Map<String, Double> secondsSince(ProcessCpu earlier) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        ticks.forEach((name, now) -> {
            Long before = earlier.ticks.get(name);
            if (before != null && now >= before) {
                seconds.put(name, (now - before) / TICKS_PER_SECOND);
            }
        });
        return seconds;
    }

    private static Optional<Long> pidIn(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.matches("\\d+") && Files.exists(Path.of("/proc", text))
                    ? Optional.of(Long.parseLong(text))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(ProcessCpu::isPostgres)
                    .mapToLong(dir -> ticksOf(Long.parseLong(dir.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPostgres(Path processDir) {
        try {
            return Files.readString(processDir.resolve("comm")).strip().startsWith("postgres");
        } catch (IOException e) {
            return false; // it ended between the listing and the read
        }
    }

    /** utime + stime of /proc/PID/stat; 0 for a process that has ended. */
    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: the fields after it start past its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }
}
