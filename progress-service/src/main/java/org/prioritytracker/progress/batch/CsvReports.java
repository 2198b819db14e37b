package org.prioritytracker.progress.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.problem.StorableText;

/**
 * Reads reports from CSV as provincial staff keep them in spreadsheets (RFC 4180, UTF-8, an optional
 * byte-order mark as Excel writes it), with Apache Commons CSV. The header row names the columns:
 * {@code itemCode, period, percentComplete, status} (required), {@code narrative} and
 * {@code provinceCode} (optional), and one column per metric, headed {@code metric:NAME (UNIT)}.
 * Each data row becomes the JSON a client would have sent, so it is validated the same way.
 *
 * <p>Limits are checked while the file is read, before any row is stored: a header of at most
 * {@value #MAX_COLUMNS} columns, cells of at most {@value #MAX_CELL} characters, and at most
 * {@code maxRows} reports.
 */
final class CsvReports {

    static final int MAX_COLUMNS = 64;
    static final int MAX_CELL = 6000;
    static final int MAX_HEADER_CELL = 200;
    private static final String METRIC_PREFIX = "metric:";
    private static final List<String> REQUIRED = List.of("itemCode", "period", "percentComplete", "status");
    private static final List<String> OPTIONAL = List.of("narrative", "provinceCode");
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** One data row: its row in the spreadsheet (the header is row 1; blank rows count) and the report it describes. */
    record Row(int line, ObjectNode report) {}

    /** A column of the header: a report field, or a metric with its unit. */
    record Column(String field, String metricName, String metricUnit) {

        boolean isMetric() {
            return metricName != null;
        }
    }

    private CsvReports() {}

    static List<Row> parse(Reader csv, int maxRows, ObjectMapper mapper) {
        try (CSVParser parser = CSVParser.builder()
                .setReader(withoutByteOrderMark(csv))
                .setFormat(FORMAT)
                .get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw ProblemException.badRequest("body", "is empty: expected a header row and at least one report");
            }
            List<Column> header = header(records.next());
            List<Row> rows = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (isBlank(record)) {
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw ProblemException.badRequest(
                            "body", "holds more than " + maxRows + " reports; a batch takes at most " + maxRows);
                }
                rows.add(new Row((int) record.getRecordNumber(), report(header, record, mapper)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // Commons CSV reports malformed input (an unclosed quote, say) this way.
            throw ProblemException.badRequest("body", "is not well-formed CSV: " + rootMessage(e));
        }
    }

    /** The header's columns, or a 400 naming what is wrong with it. */
    static List<Column> header(CSVRecord record) {
        if (record.size() > MAX_COLUMNS) {
            throw ProblemException.badRequest("header", "has " + record.size() + " columns; at most " + MAX_COLUMNS);
        }
        List<Column> columns = new ArrayList<>();
        for (String cell : record) {
            String name = cell.strip();
            if (name.length() > MAX_HEADER_CELL) {
                throw ProblemException.badRequest(
                        "header", "has a column name longer than " + MAX_HEADER_CELL + " characters");
            }
            String unstorable = StorableText.problem(name);
            if (unstorable != null) {
                throw ProblemException.badRequest("header", "has a column name that " + unstorable);
            }
            columns.add(column(name));
        }
        for (String required : REQUIRED) {
            if (columns.stream().noneMatch(c -> required.equals(c.field()))) {
                throw ProblemException.badRequest("header", "lacks the column " + required);
            }
        }
        return columns;
    }

    /** {@code metric:NAME (UNIT)} or {@code metric:NAME}, or one of the known fields in any case. */
    static Column column(String name) {
        if (name.regionMatches(true, 0, METRIC_PREFIX, 0, METRIC_PREFIX.length())) {
            String metric = name.substring(METRIC_PREFIX.length()).strip();
            String unit = null;
            int open = metric.lastIndexOf('(');
            if (metric.endsWith(")") && open >= 0) {
                unit = metric.substring(open + 1, metric.length() - 1).strip();
                metric = metric.substring(0, open).strip();
            }
            if (metric.isEmpty()) {
                throw ProblemException.badRequest("header", "has a metric column without a name: '" + name + "'");
            }
            return new Column(null, metric, unit);
        }
        for (String field : REQUIRED) {
            if (field.equalsIgnoreCase(name)) {
                return new Column(field, null, null);
            }
        }
        for (String field : OPTIONAL) {
            if (field.equalsIgnoreCase(name)) {
                return new Column(field, null, null);
            }
        }
        throw ProblemException.badRequest(
                "header",
                "has an unknown column '" + name + "'; use " + REQUIRED + ", " + OPTIONAL + " or metric:NAME (UNIT)");
    }

    private static ObjectNode report(List<Column> header, CSVRecord record, ObjectMapper mapper) {
        ObjectNode report = mapper.createObjectNode();
        ArrayNode metrics = mapper.createArrayNode();
        for (int c = 0; c < header.size(); c++) {
            String cell = c < record.size() ? record.get(c).strip() : "";
            if (cell.length() > MAX_CELL) {
                report.put(
                        "oversizedCell",
                        header.get(c).isMetric()
                                ? header.get(c).metricName()
                                : header.get(c).field());
                continue;
            }
            Column column = header.get(c);
            if (cell.isEmpty()) {
                continue;
            }
            if (column.isMetric()) {
                ObjectNode value = metrics.addObject().put("name", column.metricName());
                putNumber(value, "value", cell);
                if (column.metricUnit() != null) {
                    value.put("unit", column.metricUnit());
                }
            } else if (column.field().equals("percentComplete")) {
                putNumber(report, column.field(), cell);
            } else {
                report.put(column.field(), cell);
            }
        }
        if (!metrics.isEmpty()) {
            report.set("metrics", metrics);
        }
        if (record.size() > header.size()) {
            report.put("extraCells", record.size() - header.size());
        }
        return report;
    }

    /** A number as a JSON number when it is one; otherwise the text, which validation then rejects. */
    static void putNumber(ObjectNode node, String field, String cell) {
        String plain = cell.replace(",", "");
        String lower = plain.toLowerCase(Locale.ROOT);
        if (!lower.contains("nan") && !lower.contains("infinity")) {
            try {
                double value = Double.parseDouble(plain);
                if (Double.isFinite(value)) {
                    node.put(field, value);
                    return;
                }
            } catch (NumberFormatException e) {
                // falls through to the text
            }
        }
        node.put(field, cell);
    }

    private static boolean isBlank(CSVRecord record) {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Excel writes UTF-8 with a byte-order mark. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
