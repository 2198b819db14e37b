package org.prioritytracker.progress.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.prioritytracker.outbox.OutboxWriter;

/**
 * bench/run measures ingest against the SQL of one submission run by pgbench (bench/sql/submission.sql):
 * that floor means something only while it runs the statements this service runs. Whitespace aside, the
 * script must hold BatchedSubmit's statement for one submission and OutboxWriter's insert of two events,
 * their parameters as pgbench variables (?n becomes :pn and :on).
 */
class ProgressSqlFloorTest {

    private static final Path SCRIPT = Path.of("..", "bench", "sql", "submission.sql");

    @Test
    void theBenchmarksFloorRunsTheStatementsOfASubmission() throws IOException {
        String script = normalized(Files.readString(SCRIPT));
        String submit =
                normalized(new BatchedSubmit(null, null, null).statement(1).replaceAll("\\?(\\d+)", ":p$1")) + ";";
        String events = normalized(OutboxWriter.unnumberedInsertStatement(2).replaceAll("\\?(\\d+)", ":o$1")) + ";";
        assertTrue(
                script.contains(submit),
                SCRIPT + " must run BatchedSubmit's statement for one submission, now:\n" + submit);
        assertTrue(script.contains(events), SCRIPT + " must run OutboxWriter's insert of two events, now:\n" + events);
    }

    private static String normalized(String sql) {
        return sql.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }
}
