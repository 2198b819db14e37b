package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * What progress-service needs of a task-service sub-item.
 *
 * @param planYear   the year its plan covers: reports may only be for periods of this year
 * @param archivedAt when the ministry archived it (it expects no new reports); null while active
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItemInfo(
        String code,
        String priorityCode,
        int planYear,
        String titleZh,
        String titleEn,
        LocalDate dueDate,
        OffsetDateTime archivedAt) {

    public boolean isArchived() {
        return archivedAt != null;
    }
}
