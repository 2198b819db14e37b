package org.prioritytracker.task.province;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.prioritytracker.problem.Preconditions;

/** A reporting bureau: a provincial-level division or the XPCC. */
@Entity
@Table(name = "province")
public class Province extends PanacheEntityBase {

    @Id
    public String code;

    public int position;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    public String kind;

    public long version;

    /** When the ministry deactivated the bureau; null while it reports. */
    @Column(name = "deactivated_at")
    public OffsetDateTime deactivatedAt;

    /** Why the ministry last deactivated or reactivated the bureau. */
    @Column(name = "status_reason")
    public String statusReason;

    public static List<Province> listInOrder() {
        return list("order by position");
    }

    public boolean isActive() {
        return deactivatedAt == null;
    }

    public String etag() {
        return Preconditions.etag(version);
    }
}
