package org.prioritytracker.task.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Optional;

/** A work conference's year: the priorities and sub-items it set, for example 2025's eight key tasks. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    public int year;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    /** Newest first. */
    public static List<Plan> listNewestFirst() {
        return find("order by year desc").list();
    }

    /** The plan that {@code GET /api/priorities} and the other unqualified reads mean: the newest. */
    public static Optional<Plan> current() {
        return find("order by year desc").firstResultOptional();
    }
}
