package org.prioritytracker.problem;

/**
 * Conditional requests (RFC 9110): a change needs {@code If-Match} with the resource's current
 * entity tag, which is its version in quotes. Without it the answer is 428, with a stale one 412.
 */
public final class Preconditions {

    private Preconditions() {}

    /** The strong entity tag of a resource at this version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** @param what the resource as the client knows it, for example "item" or "report" */
    public static void requireCurrent(String ifMatch, long version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException.VersionRequired(
                    "Send If-Match with the " + what + "'s current ETag (" + etag(version) + ") to change it.",
                    "If-Match");
        }
        if (!matches(ifMatch, version)) {
            throw new DomainException.StaleVersion(
                    "The " + what + " has changed since you read it: its ETag is now " + etag(version)
                            + ". Read it again and retry.",
                    "If-Match",
                    "does not match the current ETag " + etag(version));
        }
    }

    /** A list of entity tags, each quoted or not; {@code *} matches any current representation. */
    public static boolean matches(String ifMatch, long version) {
        String current = Long.toString(version);
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                // A weak tag never matches for a change (strong comparison).
                continue;
            }
            if (value.equals("*")) {
                return true;
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a read can answer 304: {@code If-None-Match} lists the current entity tag (weak
     * comparison: a {@code W/} prefix is ignored) or is {@code *}.
     */
    public static boolean noneMatchFails(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = opaque(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || opaque(value).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
