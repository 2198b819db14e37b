package org.prioritytracker.task.priority;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.task.item.SubItem;

/** One of the key tasks a plan holds, for example one of the eight of the 2025 conference. */
@Entity
@Table(name = "priority")
public class Priority extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "plan_year")
    public int planYear;

    /** Its place within its plan. */
    public int position;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    /** Increases with every change; the ETag is this number in quotes, and the sequence of its events. */
    public long version;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** When the ministry archived it; null while it is active. */
    @Column(name = "archived_at")
    public OffsetDateTime archivedAt;

    @OneToMany(mappedBy = "priority")
    @OrderBy("position")
    public List<SubItem> items = new ArrayList<>();

    public boolean isArchived() {
        return archivedAt != null;
    }

    public String etag() {
        return Preconditions.etag(version);
    }

    public void touch(OffsetDateTime now) {
        version++;
        updatedAt = now;
    }

    /** The highest place taken in a plan, archived priorities included: places are never reused. */
    public static int lastPosition(int planYear) {
        Integer last = getEntityManager()
                .createQuery("select max(p.position) from Priority p where p.planYear = ?1", Integer.class)
                .setParameter(1, planYear)
                .getSingleResult();
        return last == null ? 0 : last;
    }

    /** A plan's priorities in order with their sub-items, in one query. */
    public static List<Priority> listWithItems(int planYear) {
        return find(
                        "select distinct p from Priority p left join fetch p.items where p.planYear = ?1 order by p.position",
                        planYear)
                .list();
    }

    public static Optional<Priority> findWithItems(String code) {
        return find("select p from Priority p left join fetch p.items where p.code = ?1", code)
                .firstResultOptional();
    }
}
