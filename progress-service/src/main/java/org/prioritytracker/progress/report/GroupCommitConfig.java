package org.prioritytracker.progress.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How submissions that arrive together are stored together (see {@link GroupCommit}). */
@ConfigMapping(prefix = "tracker.reports.group-commit")
public interface GroupCommitConfig {

    /** The most submissions one transaction stores; 1 turns group commit off: each is stored at once, alone. */
    @WithDefault("32")
    @Min(1)
    int maxSize();

    /** How many transactions of submissions run at once; submissions that arrive meanwhile wait and go together. */
    @WithDefault("2")
    @Min(1)
    int concurrentTransactions();
}
