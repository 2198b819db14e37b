package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/** A task-service priority with its sub-items, for the rollups. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriorityInfo(String code, int position, String titleZh, String titleEn, List<Item> items) {

    /**
     * @param createdAt  when the ministry added it; null for an item there from its plan's start
     * @param archivedAt when the ministry archived it; null while it is active
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            String code, String titleZh, String titleEn, OffsetDateTime createdAt, OffsetDateTime archivedAt) {

        public boolean isArchived() {
            return archivedAt != null;
        }
    }
}
