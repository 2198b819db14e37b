package org.prioritytracker.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's own scripts (deploy/local/...), as a user would, and fails loudly when one fails. */
public final class Scripts {

    /** The repository's root: the build passes it as tracker.root; from a module folder it is the parent. */
    public static final Path ROOT =
            Path.of(System.getProperty("tracker.root", "..")).toAbsolutePath().normalize();

    private Scripts() {}

    /** Runs {@code deploy/local/<script> args...} with the extra environment, its output appended to {@code log}. */
    public static void run(String script, List<String> args, Map<String, String> environment, Path log) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ROOT.resolve("deploy/local").resolve(script).toString());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }
}
