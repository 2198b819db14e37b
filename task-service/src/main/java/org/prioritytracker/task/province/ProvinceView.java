package org.prioritytracker.task.province;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Province", description = "A reporting bureau")
public record ProvinceView(
        @Schema(examples = "130000", description = "GB/T 2260 code; 660000 for the XPCC bureau") String code,
        @Schema(examples = "河北省") String nameZh,
        @Schema(examples = "Hebei") String nameEn,
        @Schema(examples = "province", description = "municipality, province, autonomous-region or production-corps") String kind) {

    static ProvinceView of(Province province) {
        return new ProvinceView(province.code, province.nameZh, province.nameEn, province.kind);
    }
}
