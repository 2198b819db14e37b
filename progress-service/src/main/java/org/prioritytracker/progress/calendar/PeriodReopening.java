package org.prioritytracker.progress.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/** The ministry let one bureau enter reports for a locked period again, until a day. */
@Entity
@Table(name = "period_reopening")
@IdClass(PeriodReopening.Key.class)
public class PeriodReopening extends PanacheEntityBase {

    /** The primary key: one reopening per bureau and period. */
    public static class Key implements Serializable {
        public String provinceCode;
        public String period;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(provinceCode, key.provinceCode)
                    && Objects.equals(period, key.period);
        }

        @Override
        public int hashCode() {
            return Objects.hash(provinceCode, period);
        }
    }

    @Id
    @Column(name = "province_code")
    public String provinceCode;

    @Id
    public String period;

    @Column(name = "open_until")
    public LocalDate openUntil;

    @Column(name = "reopened_by")
    public String reopenedBy;

    @Column(name = "reopened_at")
    public OffsetDateTime reopenedAt;

    static boolean openOn(String provinceCode, String period, LocalDate day) {
        return count("provinceCode = ?1 and period = ?2 and openUntil >= ?3", provinceCode, period, day) > 0;
    }
}
