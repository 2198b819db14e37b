package org.prioritytracker.progress.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prioritytracker.progress.support.FakeTaskServiceResource;

/**
 * V6 on a database that holds single-level data: the service's migrations run to V5 in a schema of
 * their own, data goes in as the service stored it before, then V6 runs.
 */
@QuarkusTest
@WithTestResource(FakeTaskServiceResource.class)
class BureauApprovalMigrationTest {

    private static final String SCHEMA = "bureau_approval_migration";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void existingPlanYearsStaySingleLevelSoTheirSubmittedReportsRemainReviewable() throws SQLException {
        dropSchema();
        migrateTo("5");
        execute("""
                INSERT INTO %1$s.reporting_calendar (plan_year, cadence, deadline_days, reminder_days, lock_days, version,
                                                    updated_by, updated_at)
                VALUES (2024, 'QUARTERLY', 10, 5, NULL, 3, 'admin', now());
                INSERT INTO %1$s.report (id, item_code, province_code, period, period_end, percent_complete, status, metrics,
                                        submitted_by, submitted_at, first_submitted_at, version, review_state)
                VALUES (gen_random_uuid(), 'P3.2', '130000', '2025-Q2', '2025-06-30', 40, 'ON_TRACK', '[]', 'reporter-130000',
                        now(), now(), 1, 'SUBMITTED'),
                       (gen_random_uuid(), 'P3.1', '130000', '2024-Q4', '2024-12-31', 40, 'ON_TRACK', '[]', 'reporter-130000',
                        now(), now(), 1, 'SUBMITTED')""".formatted(SCHEMA));
        migrateTo("6");

        assertEquals(
                List.of("2024 NOT_REQUIRED version 3", "2025 NOT_REQUIRED version 0"), rows("""
                SELECT plan_year || ' ' || bureau_approval || ' version ' || version FROM %s.reporting_calendar
                ORDER BY plan_year""".formatted(SCHEMA)));
        assertEquals(List.of("SUBMITTED none", "SUBMITTED none"), rows("""
                SELECT review_state || ' ' || coalesce(bureau_decision, 'none') FROM %s.report""".formatted(SCHEMA)));
    }

    private void migrateTo(String version) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
