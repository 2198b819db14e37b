package org.prioritytracker.notification.stream;

import io.agroal.api.AgroalDataSource;
import io.vertx.core.buffer.Buffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.prioritytracker.notification.event.CloudEventJson;
import org.prioritytracker.notification.security.EventScope;

/**
 * Reads the published events a stream missed from this service's copy of the topic
 * ({@code published_event}, where each event keeps its partition and offset), partition by
 * partition in offset order: order per item holds, since an item's events share a partition.
 */
final class DatabaseCatchUp {

    /** What a page leaves to do. */
    enum Progress {
        /** More pages follow. */
        MORE,
        /** Every partition has reached the ring's start: join the live flow. */
        CAUGHT_UP,
        /** The copy ends before the ring begins in a partition: the events between are in neither. */
        GAP
    }

    /** One page: the frames to send and where the stream stands after them. */
    record Page(List<Buffer> frames, StreamPosition after, Progress progress) {}

    private static final String PAGE = """
            SELECT topic_offset, CAST(event AS text) FROM published_event
            WHERE topic_partition = ? AND topic_offset > ? AND topic_offset IS NOT NULL
              AND (CAST(? AS text) IS NULL OR subject = ?) AND (CAST(? AS text) IS NULL OR type = ?)
              AND (CAST(? AS text) IS NULL OR province = ? OR (province IS NULL AND source <> ?))
            ORDER BY topic_offset LIMIT ?""";
    private static final String BOUNDS = """
            SELECT min(topic_offset), max(topic_offset) FROM published_event
            WHERE topic_partition = ? AND topic_offset IS NOT NULL""";

    private final AgroalDataSource dataSource;
    private final int pageSize;

    DatabaseCatchUp(AgroalDataSource dataSource, int pageSize) {
        this.dataSource = dataSource;
        this.pageSize = pageSize;
    }

    /**
     * Whether the copy holds every event after {@code from} up to {@code until} in each partition
     * ({@code until}: the last offset the ring dropped). It does not when its oldest event there is
     * newer than the one after {@code from} (purged by retention, or from before offsets were kept).
     */
    boolean holds(StreamPosition from, long[] until) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement bounds = connection.prepareStatement(BOUNDS)) {
            for (int partition = 0; partition < until.length; partition++) {
                if (from.offset(partition) >= until[partition]) {
                    continue;
                }
                bounds.setInt(1, partition);
                try (ResultSet row = bounds.executeQuery()) {
                    row.next();
                    long oldest = row.getLong(1);
                    if (row.wasNull() || oldest > from.offset(partition) + 1) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The next page of events after {@code from} in the first partition that is short of
     * {@code until}. A partition read to its end in the copy moves to the copy's newest offset
     * there, whether the filter took that event or not.
     */
    Page next(StreamFilter filter, StreamPosition from, long[] until) throws SQLException {
        for (int partition = 0; partition < until.length; partition++) {
            if (from.offset(partition) >= until[partition]) {
                continue;
            }
            try (Connection connection = dataSource.getConnection()) {
                List<Buffer> frames = new ArrayList<>();
                StreamPosition at = from;
                try (PreparedStatement page = connection.prepareStatement(PAGE)) {
                    EventScope scope = filter.scope();
                    page.setInt(1, partition);
                    page.setLong(2, from.offset(partition));
                    page.setString(3, filter.subject());
                    page.setString(4, filter.subject());
                    page.setString(5, filter.type());
                    page.setString(6, filter.type());
                    page.setString(7, scope.province());
                    page.setString(8, scope.province());
                    page.setString(9, EventScope.REPORT_SOURCE);
                    page.setInt(10, pageSize);
                    try (ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            at = at.after(partition, rows.getLong(1));
                            String json = CloudEventJson.write(
                                    CloudEventJson.withNumericSequence(CloudEventJson.read(rows.getString(2))));
                            frames.add(Buffer.buffer("id: " + at.id() + "\n").appendBytes(SseFrames.data(json)));
                        }
                    }
                }
                if (frames.size() < pageSize) {
                    OptionalLong newest = newest(connection, partition);
                    if (newest.isPresent() && newest.getAsLong() > at.offset(partition)) {
                        at = at.after(partition, newest.getAsLong());
                    }
                    if (at.offset(partition) < until[partition]) {
                        return new Page(frames, at, Progress.GAP);
                    }
                }
                return new Page(frames, at, Progress.MORE);
            }
        }
        return new Page(List.of(), from, Progress.CAUGHT_UP);
    }

    private static OptionalLong newest(Connection connection, int partition) throws SQLException {
        try (PreparedStatement bounds = connection.prepareStatement(BOUNDS)) {
            bounds.setInt(1, partition);
            try (ResultSet row = bounds.executeQuery()) {
                row.next();
                long newest = row.getLong(2);
                return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(newest);
            }
        }
    }
}
