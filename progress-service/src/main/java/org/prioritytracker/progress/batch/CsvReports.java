package org.prioritytracker.progress.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prioritytracker.progress.problem.ProblemException;

/**
 * Reads reports from CSV as provincial staff keep them in spreadsheets (RFC 4180, UTF-8, an optional
 * byte-order mark as Excel writes it). The header row names the columns:
 * {@code itemCode, period, percentComplete, status} (required), {@code narrative} and
 * {@code provinceCode} (optional), and one column per metric, headed {@code metric:NAME (UNIT)}.
 * Each data row becomes the JSON a client would have sent, so it is validated the same way.
 */
final class CsvReports {

    private static final Pattern METRIC = Pattern.compile("metric:(.+?)(?:\\s*\\(([^)]*)\\))?");
    private static final List<String> REQUIRED = List.of("itemCode", "period", "percentComplete", "status");
    private static final List<String> OPTIONAL = List.of("narrative", "provinceCode");

    /** One data row: its line in the file and the report it describes. */
    record Row(int line, ObjectNode report) {
    }

    private CsvReports() {
    }

    static List<Row> parse(String csv, ObjectMapper mapper) {
        List<List<String>> records = records(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        if (records.isEmpty()) {
            throw ProblemException.badRequest("body", "is empty: expected a header row and at least one report");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        for (String required : REQUIRED) {
            if (header.stream().noneMatch(required::equalsIgnoreCase)) {
                throw ProblemException.badRequest("header", "lacks the column " + required);
            }
        }
        for (String column : header) {
            if (!METRIC.matcher(column).matches() && REQUIRED.stream().noneMatch(column::equalsIgnoreCase)
                    && OPTIONAL.stream().noneMatch(column::equalsIgnoreCase)) {
                throw ProblemException.badRequest("header", "has an unknown column '" + column
                        + "'; use " + REQUIRED + ", " + OPTIONAL + " or metric:NAME (UNIT)");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            ObjectNode report = mapper.createObjectNode();
            ArrayNode metrics = mapper.createArrayNode();
            for (int c = 0; c < header.size(); c++) {
                String cell = c < cells.size() ? cells.get(c).strip() : "";
                Matcher metric = METRIC.matcher(header.get(c));
                if (metric.matches()) {
                    if (!cell.isEmpty()) {
                        ObjectNode value = metrics.addObject().put("name", metric.group(1).strip());
                        putNumber(value, "value", cell);
                        if (metric.group(2) != null) {
                            value.put("unit", metric.group(2).strip());
                        }
                    }
                } else if (!cell.isEmpty()) {
                    String name = canonical(header.get(c));
                    if (name.equals("percentComplete")) {
                        putNumber(report, name, cell);
                    } else {
                        report.put(name, cell);
                    }
                }
            }
            if (!metrics.isEmpty()) {
                report.set("metrics", metrics);
            }
            if (cells.size() > header.size()) {
                report.put("extraCells", cells.size() - header.size());
            }
            rows.add(new Row(r + 1, report));
        }
        return rows;
    }

    /** A number as a JSON number when it is one; otherwise the text, which validation then rejects. */
    private static void putNumber(ObjectNode node, String field, String cell) {
        try {
            double value = Double.parseDouble(cell.replace(",", ""));
            if (Double.isFinite(value) && !cell.matches("(?i).*(nan|infinity).*")) {
                node.put(field, value);
                return;
            }
        } catch (NumberFormatException e) {
            // falls through to the text
        }
        node.put(field, cell);
    }

    private static String canonical(String column) {
        for (String name : REQUIRED) {
            if (name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        for (String name : OPTIONAL) {
            if (name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        return column.toLowerCase(Locale.ROOT);
    }

    /** RFC 4180 records: quoted cells may hold commas, quotes ("") and line breaks. */
    private static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw ProblemException.badRequest("body", "ends inside a quoted cell");
        }
        if (!cell.isEmpty() || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
