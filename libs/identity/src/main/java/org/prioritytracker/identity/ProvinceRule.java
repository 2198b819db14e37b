package org.prioritytracker.identity;

import org.prioritytracker.problem.DomainException;

/**
 * The rule "a bureau's token acts only for its own province", for a caller confined to one
 * ({@link Caller#confinedProvince()}); a caller who is not (null) may act for any. The services call it
 * through {@link Caller}, or directly where the confined province was passed down to them.
 */
public final class ProvinceRule {

    private ProvinceRule() {}

    /**
     * For a province the request names.
     *
     * @param own the caller's confined province, or null
     * @param asked the province the request names, or null when it names none
     * @param action what the caller may not do, with {@code %s} for the province asked: "read %s's reports"
     * @param field the request field that named the province, or null
     * @throws DomainException.ForeignProvince when a confined caller names another province
     */
    public static void requireOwn(String own, String asked, String action, String field) {
        if (own != null && asked != null && !own.equals(asked)) {
            throw new DomainException.ForeignProvince(
                    "Your token is for " + own + "; it cannot " + action.formatted(asked) + ".",
                    field,
                    "must be your own province, " + own);
        }
    }

    /**
     * For a stored resource of some province. The answer does not say which province the resource is of.
     *
     * @param own the caller's confined province, or null
     * @param resourceProvince the province the resource belongs to
     * @param resource what the resource is, for the answer: "report"
     * @throws DomainException.ForeignProvince when a confined caller's province is not the resource's
     */
    public static void requireOwnResource(String own, String resourceProvince, String resource) {
        if (own != null && !own.equals(resourceProvince)) {
            throw new DomainException.ForeignProvince(
                    "This " + resource + " belongs to another province; your token is for " + own + ".");
        }
    }
}
