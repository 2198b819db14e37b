package org.prioritytracker.progress.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a table as CSV (RFC 4180, commons-csv) in UTF-8 with a byte-order mark, which Excel needs to
 * read the Chinese text as UTF-8 rather than as the system's code page.
 */
final class CsvWriter {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvWriter() {}

    static void write(Table table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(table.headings().toArray(String[]::new))
                        .get());
        try {
            table.rows().forEach(row -> {
                try {
                    printer.printRecord(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }
}
