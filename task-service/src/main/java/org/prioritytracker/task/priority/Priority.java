package org.prioritytracker.task.priority;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    @OneToMany(mappedBy = "priority")
    @OrderBy("position")
    public List<SubItem> items = new ArrayList<>();

    /** A plan's priorities in order with their sub-items, in one query. */
    public static List<Priority> listWithItems(int planYear) {
        return find("select distinct p from Priority p left join fetch p.items where p.planYear = ?1 order by p.position",
                planYear).list();
    }

    public static Optional<Priority> findWithItems(String code) {
        return find("select p from Priority p left join fetch p.items where p.code = ?1", code).firstResultOptional();
    }
}
