package org.prioritytracker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The 32 reporting bureaus' codes as the seed file lists them, for tests that go through every province. */
public final class SeedBureaus {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"(\\d{6})\"");

    private SeedBureaus() {}

    public static List<String> codes() {
        try {
            Matcher codes = CODE.matcher(Files.readString(Scripts.ROOT.resolve("seeds/provinces.json")));
            return codes.results().map(match -> match.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
