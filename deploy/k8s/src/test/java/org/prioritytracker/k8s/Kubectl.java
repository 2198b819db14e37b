package org.prioritytracker.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code kubectl kustomize}, which renders offline: no cluster, no network. */
final class Kubectl {

    static final String MISSING = "kubectl was not found (neither $KUBECTL nor on the PATH). deploy/k8s is rendered"
            + " with `kubectl kustomize`, which needs kubectl 1.27 or later (kustomize v5): install it with"
            + " `apt-get install -y kubectl` from the Kubernetes project's package repository, or put its release"
            + " binary on the PATH, or set KUBECTL=/path/to/kubectl. Debian's own `apt-get install -y"
            + " kubernetes-client` is kubectl 1.20 with kustomize v2.0.3, too old for these files.";

    private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)\\.");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private Kubectl(Path executable) {
        this.executable = executable;
    }

    /** The kubectl of $KUBECTL, else the first on the PATH; fails with {@link #MISSING} if there is none. */
    static Kubectl locate() {
        return locate(System.getenv("KUBECTL"), System.getenv("PATH"));
    }

    static Kubectl locate(String explicit, String searchPath) {
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("KUBECTL=" + explicit + " is not an executable file. " + MISSING);
            }
            return new Kubectl(path);
        }
        for (String folder : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Kubectl(candidate);
            }
        }
        throw new IllegalStateException(MISSING);
    }

    /** Fails unless this kubectl's built-in kustomize is v5 or later (older ones render these files wrongly or not at all). */
    Kubectl requireKustomizeV5() {
        String out = run(List.of("version", "--client", "-o", "json"));
        String version;
        try {
            JsonNode json = new ObjectMapper().readTree(out);
            version = json.path("kustomizeVersion").asText("");
        } catch (IOException e) {
            throw new IllegalStateException(executable + " version printed no JSON: " + out, e);
        }
        Matcher major = MAJOR.matcher(version);
        if (!major.find() || Integer.parseInt(major.group(1)) < 5) {
            throw new IllegalStateException(
                    executable + " has kustomize '" + version + "', but deploy/k8s needs v5" + " or later. " + MISSING);
        }
        return this;
    }

    /** The multi-document YAML that {@code kubectl kustomize dir} prints. */
    String kustomize(Path dir) {
        return run(List.of("kustomize", dir.toString()));
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path stderr = null;
        try {
            stderr = Files.createTempFile("kubectl", ".stderr");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            // Rendering needs no cluster: keep any kubeconfig of the machine out of it.
            builder.environment().put("KUBECONFIG", File.separatorChar == '/' ? "/dev/null" : "NUL");
            Process process = builder.start();
            process.getOutputStream().close();
            // Read stdout while the process runs, so that a large render cannot fill the pipe and stall it.
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // A temporary file left behind is harmless.
                }
            }
        }
    }
}
