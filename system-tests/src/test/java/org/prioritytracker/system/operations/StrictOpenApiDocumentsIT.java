package org.prioritytracker.system.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prioritytracker.system.support.SystemStack;

/**
 * What a client generator needs beyond a valid document, checked on each document as the running
 * service serves it: a server to call, a unique operationId on every operation (the generated
 * methods' names), a schema on every parameter and response header (the generated arguments'
 * types), every error answer described as a problem, and patterns that mean the same in Java, where
 * the services check them, and in ECMAScript with the u flag, where browsers and generated
 * TypeScript clients check them.
 */
@ExtendWith(SystemStack.class)
class StrictOpenApiDocumentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern LOWER_CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern BOUNDS = Pattern.compile("\\{[0-9]+(,[0-9]*)?}");
    /** Escapes that ECMAScript lacks (\A, \Z, \z, \h, ...) or reads otherwise (\v is one character there). */
    private static final String JAVA_ONLY_ESCAPES = "AZzhHGRXQENaev";

    private static final Set<String> POSIX_CLASSES = Set.of(
            "Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl", "XDigit",
            "Space");

    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void theDocumentNamesItsServer(String service) {
        JsonNode servers = document(service).path("servers");
        assertFalse(servers.isEmpty(), service + "/q/openapi has no servers");
        for (JsonNode server : servers) {
            assertFalse(
                    server.path("url").asText("").isBlank(),
                    service + "/q/openapi has a server without a url: " + server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void everyOperationHasItsOwnOperationId(String service) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> operationsById = new TreeMap<>();
        operations(document(service)).forEach((operation, node) -> {
            String id = node.path("operationId").asText("");
            if (id.isBlank()) {
                problems.add(operation + " has no operationId");
            } else if (!LOWER_CAMEL_CASE.matcher(id).matches()) {
                problems.add(operation + ": operationId '" + id + "' is not lowerCamelCase");
            }
            if (!id.isBlank()) {
                operationsById.computeIfAbsent(id, key -> new ArrayList<>()).add(operation);
            }
        });
        operationsById.forEach((id, operations) -> {
            if (operations.size() > 1) {
                problems.add("operationId '" + id + "' is on " + operations);
            }
        });
        assertEquals(List.of(), problems, service + "/q/openapi");
    }

    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void everyParameterAndResponseHeaderHasASchema(String service) {
        JsonNode document = document(service);
        List<String> problems = new ArrayList<>();
        operations(document).forEach((operation, node) -> {
            for (JsonNode parameter : parameters(document, operation, node)) {
                if (!parameter.path("schema").isObject()) {
                    problems.add(
                            operation + ": parameter " + parameter.path("in").asText() + " '"
                                    + parameter.path("name").asText() + "' has no schema");
                }
            }
        });
        responses(
                document,
                (operation, status, response) -> response.path("headers")
                        .properties()
                        .forEach(header -> {
                            if (!resolve(document, header.getValue())
                                    .path("schema")
                                    .isObject()) {
                                problems.add(operation + ": response " + status + "'s header " + header.getKey()
                                        + " has no schema");
                            }
                        }));
        assertEquals(List.of(), problems, service + "/q/openapi");
    }

    /**
     * Every error answer is an RFC 9457 problem, and a 429 or 503 says when to come back: a generated
     * client can then read each failure the same way. (499 is Quarkus OIDC's "not signed in" for a
     * script's request, without a body.)
     */
    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void everyErrorResponseIsAProblemAndSaysWhenToRetry(String service) {
        JsonNode document = document(service);
        List<String> problems = new ArrayList<>();
        responses(document, (operation, status, response) -> {
            if (!status.matches("[45][0-9][0-9]") || "499".equals(status)) {
                return;
            }
            JsonNode problem =
                    response.path("content").path("application/problem+json").path("schema");
            if (!"#/components/schemas/Problem".equals(problem.path("$ref").asText())) {
                problems.add(operation + ": response " + status
                        + " is not described as application/problem+json with the Problem schema");
            }
            if (("429".equals(status) || "503".equals(status))
                    && !response.path("headers").has("Retry-After")) {
                problems.add(operation + ": response " + status + " has no Retry-After header");
            }
        });
        assertFalse(
                document.at("/components/schemas/Problem").isMissingNode(),
                service + "/q/openapi has no Problem schema");
        assertEquals(List.of(), problems, service + "/q/openapi");
    }

    /**
     * A value the document forbids is refused with a 400 problem, and the document says so: every
     * operation with a request body, or with a query or header parameter whose schema restricts it
     * (pattern, enum, range, size, a number), declares its 400. Path parameters are left out: one
     * that does not convert names no resource (404, as JAX-RS answers); so are booleans, which
     * JAX-RS reads as false whatever else they say.
     */
    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void everyOperationThatTakesAValueDeclaresItsRefusal(String service) {
        JsonNode document = document(service);
        List<String> problems = new ArrayList<>();
        operations(document).forEach((operation, node) -> {
            List<String> restricted = new ArrayList<>();
            for (JsonNode parameter : parameters(document, operation, node)) {
                String in = parameter.path("in").asText();
                if ((in.equals("query") || in.equals("header"))
                        && restricts(resolve(document, parameter.path("schema")))) {
                    restricted.add(parameter.path("name").asText());
                }
            }
            boolean takesABody = node.has("requestBody");
            if ((takesABody || !restricted.isEmpty()) && !node.path("responses").has("400")) {
                problems.add(operation + " takes " + (takesABody ? "a body" : "")
                        + (takesABody && !restricted.isEmpty() ? " and " : "")
                        + (restricted.isEmpty() ? "" : restricted) + " but declares no 400");
            }
        });
        assertEquals(List.of(), problems, service + "/q/openapi");
    }

    private static final Set<String> RESTRICTIONS = Set.of(
            "pattern",
            "enum",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "format");

    private static boolean restricts(JsonNode schema) {
        String type = schema.path("type").asText("");
        return type.equals("integer")
                || type.equals("number")
                || RESTRICTIONS.stream().anyMatch(schema::has);
    }

    @ParameterizedTest
    @ValueSource(strings = {SystemStack.TASK, SystemStack.PROGRESS, SystemStack.NOTIFICATION})
    void everyPatternMeansTheSameInJavaAndInEcmaScript(String service) {
        List<String> problems = new ArrayList<>();
        patterns(document(service), "$", problems);
        assertEquals(List.of(), problems, service + "/q/openapi");
    }

    /** The check itself, on patterns of both kinds, so that a check that finds nothing cannot pass for a clean document. */
    @Test
    void theCheckFindsTheJavaOnlyConstructs() {
        assertEquals(
                List.of("(?s (inline flags)", "\\S (white space: ASCII in Java, Unicode in ECMAScript)"),
                javaOnlyConstructs("(?s).*\\S.*"));
        assertEquals(List.of("(?i (inline flags)"), javaOnlyConstructs("(?i:abc)"));
        assertEquals(List.of("possessive quantifier ++", "possessive quantifier }+"), javaOnlyConstructs("a++b{1,2}+"));
        assertEquals(List.of("(?> (atomic group)"), javaOnlyConstructs("(?>ab)c"));
        assertEquals(List.of("\\A", "\\z", "\\Z", "\\h"), javaOnlyConstructs("\\Aa\\z|\\Z\\h"));
        assertEquals(
                List.of("\\p{javaLowerCase}", "\\p{Alpha}", "\\p{IsLatin}"),
                javaOnlyConstructs("\\p{javaLowerCase}[\\p{Alpha}]\\p{IsLatin}"));
        assertEquals(
                List.of("&& (class intersection)", "a class nested in a class"), javaOnlyConstructs("[a-z&&[^aeiou]]"));
        assertEquals(
                List.of("\\S (white space: ASCII in Java, Unicode in ECMAScript)"),
                javaOnlyConstructs("[\\s\\S]*\\S[\\s\\S]*"));
        assertEquals(List.of("\\s (white space: ASCII in Java, Unicode in ECMAScript)"), javaOnlyConstructs("a\\s+b"));
        for (String portable : List.of(
                "[\\s\\S]*[^\\t-\\r \\u00a0\\u3000][\\s\\S]*",
                "^\\d{1,3}([.]\\d{1,2})?$",
                "\\++a*?b+?",
                "(?:a)(?=b)(?!c)(?<=d)(?<!e)",
                "(?<name>x)\\k<name>",
                "deactivate|reactivate",
                "^tracker\\.[a-z][a-z-]{0,40}$",
                "\\p{L}\\p{Lu}\\u00e9")) {
            assertEquals(List.of(), javaOnlyConstructs(portable), portable);
        }
    }

    private static JsonNode document(String service) {
        String body = given().get(service + "/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(service + "/q/openapi?format=json is not JSON", e);
        }
    }

    /** Every operation, as "METHOD path". */
    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    if (HTTP_METHODS.contains(method.getKey())) {
                        operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                    }
                }));
        return operations;
    }

    private interface ResponseCheck {
        void check(String operation, String status, JsonNode response);
    }

    /** Calls {@code check} for every response of every operation, its local $ref resolved. */
    private static void responses(JsonNode document, ResponseCheck check) {
        operations(document)
                .forEach((operation, node) -> node.path("responses")
                        .properties()
                        .forEach(entry -> check.check(operation, entry.getKey(), resolve(document, entry.getValue()))));
    }

    /** The operation's parameters and its path's, their local $refs resolved. */
    private static List<JsonNode> parameters(JsonNode document, String operation, JsonNode node) {
        List<JsonNode> parameters = new ArrayList<>();
        node.path("parameters").forEach(reference -> parameters.add(resolve(document, reference)));
        pathItem(document, operation)
                .path("parameters")
                .forEach(reference -> parameters.add(resolve(document, reference)));
        return parameters;
    }

    private static JsonNode pathItem(JsonNode document, String operation) {
        return document.path("paths").path(operation.substring(operation.indexOf(' ') + 1));
    }

    /** The object a local $ref points to, or the node itself. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String reference = node.path("$ref").asText("");
        return reference.startsWith("#/") ? document.at(reference.substring(1)) : node;
    }

    /** Checks every "pattern" string anywhere in the document; where is a JSON path. */
    private static void patterns(JsonNode node, String where, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                patterns(node.get(i), where + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                String at = where + "['" + field.getKey() + "']";
                if (field.getKey().equals("pattern") && field.getValue().isTextual()) {
                    String pattern = field.getValue().asText();
                    try {
                        Pattern.compile(pattern);
                        javaOnlyConstructs(pattern)
                                .forEach(construct ->
                                        problems.add("pattern '" + pattern + "' at " + at + " uses " + construct));
                    } catch (PatternSyntaxException e) {
                        problems.add("pattern '" + pattern + "' at " + at + " does not compile in Java: "
                                + e.getDescription());
                    }
                } else {
                    patterns(field.getValue(), at, problems);
                }
            });
        }
    }

    /**
     * The constructs of java.util.regex that ECMAScript with the u flag lacks or reads otherwise: inline
     * flags, atomic groups, possessive quantifiers, Java's own escapes and property classes (javaXxx,
     * POSIX names, Is/In prefixes), the class nesting and intersection of Java's character classes, and
     * {@code \s} / {@code \S}, which ECMAScript reads as Unicode's white space (NonBlankText in libs/problem).
     */
    static List<String> javaOnlyConstructs(String regex) {
        // [\s\S] is every character in both languages, whatever each calls white space.
        String pattern = regex.replace("[\\s\\S]", "[x]");
        List<String> found = new ArrayList<>();
        boolean inClass = false;
        boolean afterQuantifier = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
            if (c == '\\' && next != 0) {
                i++;
                if (JAVA_ONLY_ESCAPES.indexOf(next) >= 0) {
                    found.add("\\" + next);
                } else if (next == 's' || next == 'S') {
                    found.add("\\" + next + " (white space: ASCII in Java, Unicode in ECMAScript)");
                } else if ((next == 'p' || next == 'P') && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                    int end = pattern.indexOf('}', i);
                    String name = end < 0 ? "" : pattern.substring(i + 2, end);
                    if (name.startsWith("java")
                            || name.startsWith("Is")
                            || name.startsWith("In")
                            || POSIX_CLASSES.contains(name)) {
                        found.add("\\" + next + "{" + name + "}");
                    }
                    i = end < 0 ? i : end;
                }
                afterQuantifier = false;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '[') {
                    found.add("a class nested in a class");
                } else if (c == '&' && next == '&') {
                    found.add("&& (class intersection)");
                    i++;
                }
            } else if (c == '[') {
                inClass = true;
                i += next == '^' ? 1 : 0;
                afterQuantifier = false;
            } else if (c == '(' && next == '?') {
                String rest = pattern.substring(i + 2);
                if (rest.startsWith(">")) {
                    found.add("(?> (atomic group)");
                } else if (!rest.isEmpty() && ":=!<".indexOf(rest.charAt(0)) < 0) {
                    found.add("(?" + rest.replaceAll("[^a-zA-Z-].*", "") + " (inline flags)");
                }
                i++;
                afterQuantifier = false;
            } else if (c == '*' || c == '+' || c == '?') {
                if (afterQuantifier && c == '+') {
                    found.add("possessive quantifier " + pattern.charAt(i - 1) + "+");
                    afterQuantifier = false;
                } else {
                    // a lazy quantifier's ? ends it; anything else starts one
                    afterQuantifier = !(afterQuantifier && c == '?');
                }
            } else if (c == '{') {
                Matcher bounds = BOUNDS.matcher(pattern).region(i, pattern.length());
                afterQuantifier = bounds.lookingAt();
                i = afterQuantifier ? bounds.end() - 1 : i;
            } else {
                afterQuantifier = false;
            }
        }
        return found;
    }
}
