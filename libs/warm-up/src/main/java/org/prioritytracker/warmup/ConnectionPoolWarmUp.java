package org.prioritytracker.warmup;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the default datasource's first connections before readiness: a burst of first requests then
 * finds them open instead of each paying for a connection's start (TCP, SCRAM, a new backend).
 * The pool keeps them while its {@code min-size} allows.
 */
@ApplicationScoped
public class ConnectionPoolWarmUp implements WarmUpStep {

    private final AgroalDataSource dataSource;
    private final WarmUpConfig config;

    public ConnectionPoolWarmUp(AgroalDataSource dataSource, WarmUpConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public void run() throws SQLException {
        // Held together, so that each is a connection of its own rather than the same one again.
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < config.connections(); i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                if (!connection.isValid(2)) {
                    throw new SQLException("a new connection of the pool is not valid");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
