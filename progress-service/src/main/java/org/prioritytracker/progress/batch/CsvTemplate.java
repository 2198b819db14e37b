package org.prioritytracker.progress.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.prioritytracker.progress.calendar.Period;
import org.prioritytracker.progress.catalog.PriorityInfo;

/**
 * The spreadsheet an officer fills in for a period: the batch's header and a row per active sub-item
 * of the plan, its values left empty. Filled in, it is a valid batch as it stands; a row left empty is
 * refused on its own (percentComplete and status are required).
 */
final class CsvTemplate {

    static final List<String> HEADER = List.of("itemCode", "period", "percentComplete", "status", "narrative");
    /** Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvTemplate() {}

    /** The active sub-items in the plan's order. */
    static List<String> itemCodes(List<PriorityInfo> plan) {
        return plan.stream()
                .flatMap(priority -> priority.items().stream())
                .filter(item -> !item.isArchived())
                .map(PriorityInfo.Item::code)
                .toList();
    }

    static void write(List<String> itemCodes, Period period, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(HEADER.toArray(String[]::new))
                        .get());
        for (String code : itemCodes) {
            printer.printRecord(code, period.text(), "", "", "");
        }
        printer.flush();
    }
}
