package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A task-service priority with its sub-items, for the rollups. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriorityInfo(String code, int position, String titleZh, String titleEn, List<Item> items) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String code, String titleZh, String titleEn) {
    }
}
