package org.prioritytracker.progress.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a table as an Excel workbook with Apache POI's streaming SXSSF: only a window of rows is in
 * memory, the rest goes to a temporary file that is deleted once the workbook is written. The heading
 * row is bold and frozen, so it stays in view while scrolling.
 */
final class XlsxWriter {

    /** Rows kept in memory before they are flushed to the temporary file. */
    private static final int WINDOW = 200;
    /** Excel's limit on a cell's text. */
    private static final int MAX_CELL_TEXT = 32_767;

    private XlsxWriter() {}

    static void write(Table table, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        try {
            SXSSFSheet sheet = workbook.createSheet(table.name());
            sheet.createFreezePane(0, 1);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row heading = sheet.createRow(0);
            List<String> headings = table.headings();
            for (int column = 0; column < headings.size(); column++) {
                Cell cell = heading.createCell(column);
                cell.setCellValue(headings.get(column));
                cell.setCellStyle(bold);
                sheet.setColumnWidth(
                        column, Math.min(60, Math.max(10, headings.get(column).length() * 3)) * 256);
            }
            int[] next = {1};
            table.rows().forEach(values -> {
                Row row = sheet.createRow(next[0]++);
                for (int column = 0; column < values.size(); column++) {
                    Object value = values.get(column);
                    if (value instanceof Number number) {
                        row.createCell(column).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        String text = value.toString();
                        row.createCell(column)
                                .setCellValue(text.length() > MAX_CELL_TEXT ? text.substring(0, MAX_CELL_TEXT) : text);
                    }
                }
            });
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }
}
