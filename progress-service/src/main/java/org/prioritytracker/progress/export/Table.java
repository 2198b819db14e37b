package org.prioritytracker.progress.export;

import java.util.List;
import java.util.function.Consumer;

/**
 * What an export holds, whatever its format: a sheet name, the column headings and the rows, which
 * are produced while the file is written so that no export holds all of its rows at once. A cell is
 * text, a number, or null for an empty one.
 */
record Table(String name, List<String> headings, Rows rows) {

    /** Feeds every row, in order, to the writer (inside the producer's own transaction, if it needs one). */
    @FunctionalInterface
    interface Rows {
        void forEach(Consumer<List<Object>> row);
    }
}
