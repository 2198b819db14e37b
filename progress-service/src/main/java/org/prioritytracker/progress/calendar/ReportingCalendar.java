package org.prioritytracker.progress.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The calendar the ministry set for a plan; a plan without one follows {@link CalendarConfig}. */
@Entity
@Table(name = "reporting_calendar")
public class ReportingCalendar extends PanacheEntityBase {

    @Id
    @Column(name = "plan_year")
    public int planYear;

    @Enumerated(EnumType.STRING)
    public Cadence cadence;

    @Column(name = "deadline_days")
    public int deadlineDays;

    @Column(name = "reminder_days")
    public int reminderDays;

    @Column(name = "lock_days")
    public Integer lockDays;

    public long version;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Null: the configured default for the year; kept apart from the calendar's version-0 defaults. */
    @Enumerated(EnumType.STRING)
    @Column(name = "bureau_approval")
    public BureauApproval bureauApproval;

    CalendarTerms terms() {
        return new CalendarTerms(planYear, cadence, deadlineDays, reminderDays, lockDays);
    }
}
