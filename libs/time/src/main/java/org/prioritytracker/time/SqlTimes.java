package org.prioritytracker.time;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A {@code timestamptz} column read by a native query: depending on the driver and Hibernate's
 * settings it arrives as a {@link Timestamp}, an {@link OffsetDateTime} or an {@link Instant}.
 */
public final class SqlTimes {

    private SqlTimes() {}

    /** The column's instant; null for SQL NULL. */
    public static Instant instant(Object columnValue) {
        if (columnValue instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (columnValue instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) columnValue;
    }
}
