package org.prioritytracker.problem;

/**
 * Text that a service can store and return as given: no control characters apart from tab, line feed
 * and carriage return (PostgreSQL cannot store U+0000, and none of the others belongs in a title, a
 * narrative or a code), and no half of a surrogate pair (it is not Unicode, and UTF-8 cannot carry it).
 */
public final class StorableText {

    private StorableText() {}

    /** The index of the first character that cannot be stored, or -1 when there is none. */
    public static int firstUnstorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Why the text cannot be stored, for a field error; null when it can. */
    public static String problem(CharSequence text) {
        int at = firstUnstorable(text);
        if (at < 0) {
            return null;
        }
        return String.format(
                "contains the character U+%04X at position %d, which cannot be stored", (int) text.charAt(at), at);
    }
}
