package org.prioritytracker.task.priority;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.prioritytracker.problem.Preconditions;

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
}
