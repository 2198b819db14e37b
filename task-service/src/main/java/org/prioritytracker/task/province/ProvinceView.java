package org.prioritytracker.task.province;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Province", description = "A reporting bureau")
public record ProvinceView(
        @Schema(examples = "130000", description = "GB/T 2260 code; 660000 for the XPCC bureau")
        String code,

        @Schema(examples = "河北省") String nameZh,
        @Schema(examples = "Hebei") String nameEn,

        @Schema(examples = "province", description = "municipality, province, autonomous-region or production-corps")
        String kind,

        @Schema(description = "False once the ministry has deactivated the bureau: it owes no report due after that")
        boolean active,

        @Schema(nullable = true, description = "When the bureau was deactivated; null while it is active")
        OffsetDateTime deactivatedAt,

        @Schema(
                nullable = true,
                description = "Why the ministry last deactivated or reactivated the bureau",
                examples = "机构调整，暂停报送")
        String statusReason,

        @Schema(examples = "1", description = "The bureau's version, for If-Match")
        long version) {

    static ProvinceView of(Province province) {
        return new ProvinceView(
                province.code,
                province.nameZh,
                province.nameEn,
                province.kind,
                province.isActive(),
                province.deactivatedAt,
                province.statusReason,
                province.version);
    }
}
