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

/** One of the eight key tasks of the 2025 conference. */
@Entity
@Table(name = "priority")
public class Priority extends PanacheEntityBase {

    @Id
    public String code;

    public int position;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    @OneToMany(mappedBy = "priority")
    @OrderBy("position")
    public List<SubItem> items = new ArrayList<>();

    /** All priorities in order with their sub-items, in one query. */
    public static List<Priority> listWithItems() {
        return find("select distinct p from Priority p left join fetch p.items order by p.position").list();
    }

    public static Optional<Priority> findWithItems(String code) {
        return find("select p from Priority p left join fetch p.items where p.code = ?1", code).firstResultOptional();
    }
}
