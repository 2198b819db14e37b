package org.prioritytracker.task.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.prioritytracker.task.item.ItemStatus;

/** One status change of a sub-item. Rows are only ever added. */
@Entity
@Table(name = "item_history")
public class ItemHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "item_code")
    public String itemCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ItemStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ItemStatus toStatus;

    public String reason;

    public String actor;

    public long version;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    public static List<ItemHistory> newestFirst(String itemCode) {
        return list("itemCode = ?1 order by id desc", itemCode);
    }
}
