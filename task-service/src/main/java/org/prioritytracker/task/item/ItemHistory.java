package org.prioritytracker.task.item;

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

/** One change of a sub-item: its creation, a status move, an edit or its archiving. Rows are only ever added. */
@Entity
@Table(name = "item_history")
public class ItemHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "item_code")
    public String itemCode;

    @Enumerated(EnumType.STRING)
    public HistoryKind kind;

    /** Null for a creation. */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ItemStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ItemStatus toStatus;

    public String reason;

    /** For an edit, the fields it changed, comma-separated. */
    public String fields;

    public String actor;

    public long version;

    @Column(name = "changed_at")
    public OffsetDateTime changedAt;

    /** Records a change the item has just gone through: its status and version are already the new ones. */
    public static void record(
            SubItem item, HistoryKind kind, ItemStatus from, String reason, List<String> fields, String actor) {
        ItemHistory entry = new ItemHistory();
        entry.itemCode = item.code;
        entry.kind = kind;
        entry.fromStatus = from;
        entry.toStatus = item.status;
        entry.reason = reason;
        entry.fields = fields.isEmpty() ? null : String.join(",", fields);
        entry.actor = actor;
        entry.version = item.version;
        entry.changedAt = item.updatedAt;
        entry.persist();
    }

    public static List<ItemHistory> newestFirst(String itemCode) {
        return list("itemCode = ?1 order by id desc", itemCode);
    }
}
