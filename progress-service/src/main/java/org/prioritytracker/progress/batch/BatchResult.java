package org.prioritytracker.progress.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.prioritytracker.problem.Problem;

@Schema(name = "BatchResult", description = "The outcome of every row of a batch, and the counts")
public record BatchResult(int created, int duplicates, int rejected, List<RowResult> rows) {

    /** What happened to one row. */
    public enum Outcome {
        CREATED,
        DUPLICATE,
        INVALID,
        UNAVAILABLE
    }

    @Schema(name = "BatchRowResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowResult(
            @Schema(
                    description =
                            "Index in the JSON array (from 0), or line number in the CSV file (the header is line 1)")
            int row,

            @Schema(description = "The row's itemCode as given; absent when it gives none", examples = "P3.2")
            String itemCode,

            Outcome outcome,

            @Schema(description = "The stored report (created) or the existing one (duplicate)")
            UUID reportId,

            @Schema(description = "Why the row was not stored (invalid, or unavailable: retry later)")
            Problem problem) {}

    static BatchResult of(List<RowResult> rows) {
        int created =
                (int) rows.stream().filter(r -> r.outcome() == Outcome.CREATED).count();
        int duplicates = (int)
                rows.stream().filter(r -> r.outcome() == Outcome.DUPLICATE).count();
        return new BatchResult(created, duplicates, rows.size() - created - duplicates, rows);
    }
}
