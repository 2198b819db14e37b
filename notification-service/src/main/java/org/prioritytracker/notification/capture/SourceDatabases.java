package org.prioritytracker.notification.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC connections to a capture source, as the replication role, for what Debezium does not tell. */
final class SourceDatabases {

    private SourceDatabases() {}

    static Connection connect(CaptureConfig.Source source) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + source.host() + ":" + source.port() + "/" + source.database(),
                source.user(),
                source.password());
    }

    /**
     * The database's object id: it changes when the database is dropped and created again, and with it
     * the key under which the capture keeps its position, so that a new database is read from its start.
     */
    static long oid(CaptureConfig.Source source) throws SQLException {
        try (Connection connection = connect(source);
                PreparedStatement query =
                        connection.prepareStatement("SELECT oid FROM pg_database WHERE datname = current_database()");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
