package org.prioritytracker.problem;

import java.util.List;

/**
 * The {@code page} and {@code size} query parameters of a listing, parsed from their raw text so that
 * a bad value is a 400 naming the parameter. Pages reach at most {@link #MAX_ROWS} rows deep: the
 * offset {@code page * size} then always fits the database's integer.
 */
public record Paging(int page, int size) {

    public static final int MAX_ROWS = 1_000_000;

    /** Adds a field error for each bad parameter; returns the defaults for those. */
    public static Paging parse(
            String page, String size, int defaultSize, int maxSize, List<Problem.FieldError> errors) {
        int parsedSize = number("size", size, defaultSize, 1, maxSize, errors);
        int parsedPage = number("page", page, 0, 0, MAX_ROWS / parsedSize, errors);
        return new Paging(parsedPage, parsedSize);
    }

    /** The first row of the page. */
    public int offset() {
        return page * size;
    }

    private static int number(
            String name, String raw, int fallback, int min, int max, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
