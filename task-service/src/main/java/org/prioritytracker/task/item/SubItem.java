package org.prioritytracker.task.item;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.task.priority.Priority;

/** A tracked piece of work inside a priority, for example P3.2 碧水保卫战. */
@Entity
@Table(name = "sub_item")
public class SubItem extends PanacheEntityBase {

    @Id
    public String code;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "priority_code")
    public Priority priority;

    public int position;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    /** The phrase of the conference text this item comes from, as written. */
    @Column(name = "source_text")
    public String sourceText;

    public String description;

    @Column(name = "lead_department")
    public String leadDepartment;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    public ItemStatus status;

    public boolean overdue;

    /** When the overdue check flagged the item; null while it is not overdue. */
    @Column(name = "overdue_since")
    public OffsetDateTime overdueSince;

    /** The state a suspended item resumes to; null unless the item is SUSPENDED. */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspended_from")
    public ItemStatus suspendedFrom;

    public long version;

    /**
     * When the ministry added it to a running plan; null for items of the seeds and of imported plans,
     * which belong to their plan from its start.
     */
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** When the ministry archived it; null while it is active. Archived items expect no reports. */
    @Column(name = "archived_at")
    public OffsetDateTime archivedAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean isArchived() {
        return archivedAt != null;
    }

    /** The highest place taken in a priority, archived items included: places are never reused. */
    public static int lastPosition(String priorityCode) {
        Integer last = getEntityManager()
                .createQuery("select max(i.position) from SubItem i where i.priority.code = ?1", Integer.class)
                .setParameter(1, priorityCode)
                .getSingleResult();
        return last == null ? 0 : last;
    }

    /**
     * The item with its priority (which its representation names), its row locked for a change, in one
     * statement ({@code FOR NO KEY UPDATE} of the item's row only); null if there is none.
     */
    public static SubItem lockedForChange(String code) {
        return SubItem.<SubItem>find("from SubItem i join fetch i.priority where i.code = ?1", code)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResultOptional()
                .orElse(null);
    }

    /** The strong entity tag of this representation, derived from its version. */
    public String etag() {
        return Preconditions.etag(version);
    }

    /** Records a change: the version, and with it the ETag and the event sequence, moves on. */
    public void touch(OffsetDateTime now) {
        version++;
        updatedAt = now;
    }
}
