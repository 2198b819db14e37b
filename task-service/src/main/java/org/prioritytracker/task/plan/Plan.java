package org.prioritytracker.task.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.prioritytracker.time.PlanCalendar;

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

    /** Increases with every change; the sequence of the plan's events. */
    public long version;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The subject of the plan's events: its own key, apart from the codes of priorities and items. */
    public String eventSubject() {
        return "plan-" + year;
    }

    /** Newest first. */
    public static List<Plan> listNewestFirst() {
        return find("order by year desc").list();
    }

    /**
     * The plan that {@code GET /api/priorities} and the other unqualified reads mean: this year's, or
     * the newest that has begun. A plan started ahead for a coming year becomes current on its first
     * day; only when every plan lies ahead is the earliest of them current.
     */
    public static Optional<Plan> current(Clock clock) {
        int thisYear = PlanCalendar.today(clock).getYear();
        return Plan.<Plan>find("year <= ?1 order by year desc", thisYear)
                .firstResultOptional()
                .or(() -> find("order by year").firstResultOptional());
    }

    /** A plan's year as a path or a query names it: four digits; empty for anything else. */
    public static OptionalInt parseYear(String text) {
        String year = text == null ? "" : text.strip();
        return year.matches("[0-9]{4}") ? OptionalInt.of(Integer.parseInt(year)) : OptionalInt.empty();
    }

    /** The current plan's year, or {@code fallback} when there is no plan. */
    public static int currentYear(Clock clock, int fallback) {
        return current(clock).map(plan -> plan.year).orElse(fallback);
    }
}
