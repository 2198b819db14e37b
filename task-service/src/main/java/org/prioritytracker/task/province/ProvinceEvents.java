package org.prioritytracker.task.province;

import java.time.OffsetDateTime;

/** The {@code data} of the events task-service publishes about reporting bureaus. */
public final class ProvinceEvents {

    public static final String DEACTIVATED = "tracker.province.deactivated";
    public static final String REACTIVATED = "tracker.province.reactivated";

    private ProvinceEvents() {}

    /** A bureau was deactivated (it owes no report due after deactivatedAt) or reactivated (deactivatedAt null). */
    public record StatusChanged(
            String provinceCode,
            String nameZh,
            String nameEn,
            boolean active,
            OffsetDateTime deactivatedAt,
            String reason,
            String actor,
            long version) {

        static StatusChanged of(Province province, String actor) {
            return new StatusChanged(
                    province.code,
                    province.nameZh,
                    province.nameEn,
                    province.isActive(),
                    province.deactivatedAt,
                    province.statusReason,
                    actor,
                    province.version);
        }
    }
}
