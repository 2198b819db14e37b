package org.prioritytracker.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered manifests of deploy/k8s and its overlays, each rendered once per test run. */
final class Renders {

    /** What the issue asks to render: the top level (the production overlay) and each overlay. */
    static final String TOP = ".";

    static final String SMALL = "overlays/small";
    static final String PRODUCTION = "overlays/production";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, String> TEXT = new ConcurrentHashMap<>();
    private static Kubectl kubectl;

    private Renders() {}

    /** deploy/k8s in this checkout, wherever Maven was started from. */
    static Path k8sDir() {
        String root = System.getProperty("tracker.root");
        Path dir = root != null && !root.isBlank()
                ? Path.of(root, "deploy", "k8s")
                : Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            throw new IllegalStateException("no kustomization.yaml in " + dir + " (tracker.root=" + root + ")");
        }
        return dir;
    }

    static synchronized Kubectl kubectl() {
        if (kubectl == null) {
            kubectl = Kubectl.locate().requireKustomizeV5();
        }
        return kubectl;
    }

    /** The YAML {@code kubectl kustomize} prints for a folder of deploy/k8s. */
    static String text(String dir) {
        return TEXT.computeIfAbsent(
                dir, d -> kubectl().kustomize(k8sDir().resolve(d).normalize()));
    }

    /** The documents of a render, fresh copies each time (a test may change them). */
    static List<ObjectNode> documents(String dir) {
        return parse(text(dir));
    }

    static List<ObjectNode> parse(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalStateException("a rendered document is not a mapping: " + document);
                }
                documents.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the render is not valid YAML", e);
        }
        return documents;
    }

    /** "Kind/name", how a document is named in messages. */
    static String describe(JsonNode document) {
        return document.path("kind").asText("?") + "/"
                + document.path("metadata").path("name").asText("?");
    }

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    /** The one document of a kind and name; fails if there is none or more. */
    static ObjectNode one(List<ObjectNode> documents, String kind, String name) {
        List<ObjectNode> found = ofKind(documents, kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + "/" + name + " in the render, found " + found.size());
        }
        return found.get(0);
    }

    /** A generated ConfigMap's name carries a content hash: the one whose name starts with this name and a dash. */
    static ObjectNode generated(List<ObjectNode> documents, String kind, String name) {
        List<ObjectNode> found = ofKind(documents, kind).stream()
                .filter(d -> d.path("metadata").path("name").asText().matches("\\Q" + name + "\\E-[a-z0-9]{10}"))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one generated " + kind + " " + name + "-<hash>, found " + found.size());
        }
        return found.get(0);
    }
}
