package org.prioritytracker.system.hostile;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * What a hostile or careless client sends where text, numbers and JSON belong: control characters
 * and NUL, halves of surrogate pairs, huge and malformed numbers, wrong JSON types, deep nesting,
 * markup and path tricks, and text far longer than any field allows. Drawn with jqwik's generators
 * from one seeded {@link Random}, so that a seed replays a run exactly.
 */
final class HostileValues {

    private static final int GEN_SIZE = 1000;

    private static final Arbitrary<String> TRICKS = Arbitraries.of(
            "",
            " ",
            "null",
            "NaN",
            "Infinity",
            "-Infinity",
            "-1",
            "0",
            "-0",
            "1e309",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "99999999999999999999999999",
            "0x10",
            "1,5",
            "P3.2",
            "P3.2 ",
            "p3.2",
            "P99.99",
            "130000",
            "999999",
            "2025-Q1",
            "2025-Q5",
            "2025-13",
            "2025-00",
            "9999-Q1",
            "2025-1",
            "ON_TRACK",
            "on_track",
            "ACCEPTED",
            "../../etc/passwd",
            "%00",
            "%",
            "%ZZ",
            "${jndi:ldap://x/a}",
            "<script>alert(1)</script>",
            "'; DROP TABLE report; --",
            "\u202eevil",
            "\ud840\udc00",
            "\ud800",
            "\udc00",
            "\u0000",
            "a\u0000b",
            "\u001b[31m",
            "\u007f",
            "\ufeff",
            "\uffff",
            "*",
            "W/\"1\"",
            "\"1\"",
            "\"",
            "{}",
            "[]");

    private static final Arbitrary<String> STRINGS = Arbitraries.frequencyOf(
            Tuple.of(4, TRICKS),
            Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
            Tuple.of(
                    2,
                    Arbitraries.strings()
                            .withChars("\u0000\u0001\u001f\u007f\ud800\udc00'\"\\{}[]<>%&;:,./ 碧水")
                            .ofMaxLength(30)),
            Tuple.of(
                    1,
                    Arbitraries.strings().withChars("x碧\n").ofMinLength(2_000).ofMaxLength(70_000)));

    private static final Arbitrary<String> JSON_NUMBERS = Arbitraries.of(
            "0",
            "-0",
            "100",
            "100.0001",
            "-1",
            "1e309",
            "-1e309",
            "1E-400",
            "12345678901234567890123456789",
            "3.4028235E39",
            "0.1e1",
            "50");

    private final Random random;

    HostileValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String text() {
        return STRINGS.generator(GEN_SIZE).next(random).value();
    }

    /**
     * Text for a header, within the HTTP server's header size (a longer header is refused by the
     * HTTP layer itself, before any service code runs, by closing the connection).
     */
    String headerText() {
        String text = text();
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    /** A JSON value of any type, as JSON text. */
    String json() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> quote(text());
            case 2 -> JSON_NUMBERS.generator(GEN_SIZE).next(random).value();
            case 3 -> pick(List.of("true", "false", "null"));
            case 4 -> "[" + quote(text()) + "]";
            case 5 -> "{\"x\": " + quote(text()) + "}";
            default -> "[".repeat(1 + random.nextInt(3000)) + "]".repeat(random.nextInt(3000));
        };
    }

    /** A JSON string literal holding the text, with the escapes JSON requires (lone surrogates kept as \\u escapes). */
    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
