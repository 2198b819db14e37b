package org.prioritytracker.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The JSON Schemas of deploy/k8s/schemas, one per API group, version and kind, named
 * {@code GROUP_VERSION_KIND.json} (group "core" for the core API) as schemas/update writes them.
 */
final class SchemaCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final Map<String, JsonSchema> schemas;
    private final Map<String, Path> files;
    /** Kubernetes' ObjectMeta, strict: the CRDs leave metadata open, so a misspelled label key would pass. */
    private final JsonSchema objectMeta;

    private SchemaCatalog(Map<String, JsonSchema> schemas, Map<String, Path> files, JsonSchema objectMeta) {
        this.schemas = schemas;
        this.files = files;
        this.objectMeta = objectMeta;
    }

    static SchemaCatalog load(Path dir) {
        Map<String, JsonSchema> schemas = new TreeMap<>();
        Map<String, Path> files = new TreeMap<>();
        JsonNode deployment = null;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                String key = file.getFileName().toString().replaceFirst("\\.json$", "");
                JsonNode schema = JSON.readTree(file.toFile());
                if (schemas.put(key, FACTORY.getSchema(schema, CONFIG)) != null) {
                    throw new IllegalStateException("two schemas for " + key + " under " + dir);
                }
                files.put(key, file);
                if (key.equals("apps_v1_deployment")) {
                    deployment = schema;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas in " + dir, e);
        }
        if (deployment == null) {
            throw new IllegalStateException(
                    "no apps_v1_deployment.json under " + dir + " (its ObjectMeta checks CRD metadata)");
        }
        ObjectNode meta = ((ObjectNode) deployment.at("/properties/metadata")).deepCopy();
        meta.put("$schema", deployment.path("$schema").asText());
        return new SchemaCatalog(schemas, files, FACTORY.getSchema(meta, CONFIG));
    }

    /** "apps/v1" + "Deployment" -> "apps_v1_deployment"; "v1" + "Service" -> "core_v1_service". */
    static String key(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return group + "_" + version + "_" + kind.toLowerCase(Locale.ROOT);
    }

    Map<String, Path> files() {
        return files;
    }

    /** What is wrong with a document: empty when its kind has a schema and it passes it. */
    List<String> problems(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        String name = Renders.describe(document);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of(name + ": no apiVersion or kind");
        }
        String key = key(apiVersion, kind);
        JsonSchema schema = schemas.get(key);
        if (schema == null) {
            return List.of(name + ": no schema for " + apiVersion + " " + kind + " (expected " + key
                    + ".json under deploy/k8s/schemas; schemas/README.md says how to add one)");
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(document)) {
            problems.add(name + ": " + message.getMessage());
        }
        if (files.get(key).getParent().getFileName().toString().equals("crd")) {
            for (ValidationMessage message : objectMeta.validate(document.path("metadata"))) {
                problems.add(name + ": metadata " + message.getMessage());
            }
        }
        return problems;
    }
}
