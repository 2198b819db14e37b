package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;

/** What progress-service needs of a task-service sub-item. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItemInfo(String code, String priorityCode, String titleZh, String titleEn, LocalDate dueDate) {

    /** The year the item's plan covers: reports may only be for periods of this year. */
    public int planYear() {
        return dueDate.getYear();
    }
}
