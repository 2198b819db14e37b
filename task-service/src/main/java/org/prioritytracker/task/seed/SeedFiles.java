package org.prioritytracker.task.seed;

import java.time.LocalDate;
import java.util.List;

/** The documented seed format, version 1 (see seeds/README.md). Unknown fields are rejected. */
public final class SeedFiles {

    public static final int FORMAT_VERSION = 1;

    private SeedFiles() {}

    public record PrioritiesFile(
            int formatVersion,
            int planYear,
            String planTitleZh,
            String planTitleEn,
            Source source,
            List<PrioritySeed> priorities) {}

    public record Source(String title, String file, String paragraphStartsWith) {}

    public record PrioritySeed(String code, int position, String titleZh, String titleEn, List<ItemSeed> items) {}

    public record ItemSeed(String code, String titleZh, String titleEn, String sourceText, LocalDate dueDate) {}

    public record ProvincesFile(int formatVersion, String codeStandard, List<BureauSeed> bureaus) {}

    public record BureauSeed(String code, String nameZh, String nameEn, String kind) {}
}
