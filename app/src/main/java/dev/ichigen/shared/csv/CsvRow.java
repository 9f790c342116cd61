package dev.ichigen.shared.csv;

import java.util.List;

/** One record of a CSV file: the file line it starts on (1 = first line) and its cells as read. */
public record CsvRow(long line, List<String> cells) {

    public CsvRow {
        cells = List.copyOf(cells);
    }

    /** The cell at {@code index}, or {@code null} when the row is shorter. */
    public String cell(int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : null;
    }

    public boolean blank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
