package org.prioritytracker.problem;

/**
 * Text with at least one character that is not white space, as one regular expression that means the
 * same in Java and in ECMAScript, so that a service and a client generated from its OpenAPI document
 * agree on every value.
 *
 * <p>Neither {@code \s} nor {@code @NotBlank} would do: Java's {@code \s} and {@code String.trim()}
 * know only ASCII white space, ECMAScript's {@code \s} knows Unicode's, and the services store text
 * {@code strip()}ped of Java's {@code Character.isWhitespace}. A title of one ideographic space (U+3000)
 * then passed {@code @NotBlank}, was refused by a JavaScript client, and was stored empty. White space
 * here is the union of both: what {@code strip()} removes and what ECMAScript's {@code \s} matches.
 */
public final class NonBlankText {

    /** Any text (line breaks included: {@code [\s\S]} is every character in both languages) with one non-blank character. */
    public static final String PATTERN =
            "[\\s\\S]*[^\\t-\\r\\u001c-\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff][\\s\\S]*";

    /** The message of a field that holds only white space. */
    public static final String MESSAGE = "must contain a character other than white space";

    private NonBlankText() {}
}
