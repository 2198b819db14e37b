package org.prioritytracker.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s renders with {@code kubectl kustomize}, and every rendered document passes the strict JSON
 * Schema of its kind (deploy/k8s/schemas), offline. The negative tests prove that the schemas are strict:
 * a misspelled field fails.
 */
class KustomizeRenderingTest {

    private static SchemaCatalog schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = SchemaCatalog.load(Renders.k8sDir().resolve("schemas"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Renders.TOP, Renders.SMALL, Renders.PRODUCTION})
    void everyRenderedDocumentMatchesTheSchemaOfItsKind(String dir) {
        List<ObjectNode> documents = Renders.documents(dir);
        assertFalse(documents.isEmpty(), dir + " rendered nothing");
        List<String> problems = new ArrayList<>();
        for (ObjectNode document : documents) {
            problems.addAll(schemas.problems(document));
        }
        assertTrue(problems.isEmpty(), dir + " does not match its schemas:\n" + String.join("\n", problems));
    }

    @Test
    void theTopLevelRendersTheProductionOverlay() {
        assertEquals(Renders.text(Renders.PRODUCTION), Renders.text(Renders.TOP));
    }

    @Test
    void aMisspelledDeploymentFieldFailsValidation() {
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "Deployment", "notification-service"),
                d -> object(d, "/spec").put("replica", 2),
                "replica");
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "Deployment", "task-service"),
                d -> object(d, "/spec/template/spec/containers/0").put("imagePullPolicyy", "Always"),
                "imagePullPolicyy");
    }

    @Test
    void aWrongTypeOrValueFailsValidation() {
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "Deployment", "progress-service"),
                d -> object(d, "/spec/template/spec/containers/0").put("imagePullPolicy", 3),
                "imagePullPolicy");
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "KafkaTopic", "status-changes"),
                d -> object(d, "/spec").put("partitions", 0),
                "partitions");
    }

    @Test
    void aMisspelledFieldOfACustomResourceFailsValidation() {
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "KafkaTopic", "status-changes"),
                d -> object(d, "/spec").put("partition", 6),
                "partition");
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "KafkaNodePool", "dual-role"),
                d -> object(d, "/spec").put("role", "broker"),
                "role");
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "Cluster", "tracker-db"),
                d -> object(d, "/spec/managed/roles/3").put("replicaton", true),
                "replicaton");
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "Database", "tracker-db-tasks"),
                d -> object(d, "/spec").put("ownr", "tasks"),
                "ownr");
        // The CRDs leave metadata open; it is checked against Kubernetes' ObjectMeta.
        assertRejected(
                Renders.one(Renders.documents(Renders.PRODUCTION), "KafkaTopic", "status-changes"),
                d -> object(d, "/metadata").put("label", "x"),
                "label");
    }

    @Test
    void aDocumentOfAKindWithoutSchemaFails() {
        ObjectNode document = Renders.parse("apiVersion: example.org/v1\nkind: Widget\nmetadata:\n  name: w\n")
                .get(0);
        List<String> problems = schemas.problems(document);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("no schema for example.org/v1 Widget"), problems.get(0));
    }

    @Test
    void everySchemaIsRecordedInTheSchemasReadme() throws IOException {
        String readme = Files.readString(Renders.k8sDir().resolve("schemas/README.md"));
        for (Path file : schemas.files().values()) {
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            assertTrue(readme.contains(name), "schemas/README.md does not record " + name);
        }
    }

    @Test
    void aMissingKubectlFailsWithTheInstallCommand(@TempDir Path empty) {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> Kubectl.locate(null, empty.toString()));
        assertTrue(missing.getMessage().contains("apt-get install -y kubectl"), missing.getMessage());
        IllegalStateException wrong = assertThrows(
                IllegalStateException.class,
                () -> Kubectl.locate(empty.resolve("kubectl").toString(), null));
        assertTrue(wrong.getMessage().contains("KUBECTL="), wrong.getMessage());
    }

    private static ObjectNode object(ObjectNode document, String pointer) {
        return (ObjectNode) document.at(pointer);
    }

    private static void assertRejected(ObjectNode rendered, Consumer<ObjectNode> damage, String field) {
        assertTrue(
                schemas.problems(rendered).isEmpty(),
                "the rendered document itself must pass: " + schemas.problems(rendered));
        ObjectNode copy = rendered.deepCopy();
        damage.accept(copy);
        List<String> problems = schemas.problems(copy);
        assertFalse(problems.isEmpty(), Renders.describe(copy) + " with a bad '" + field + "' passed its schema");
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(field)),
                "the problems do not name '" + field + "': " + problems);
    }
}
