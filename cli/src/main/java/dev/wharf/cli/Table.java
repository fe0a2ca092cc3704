package dev.wharf.cli;

import java.util.List;

/** Left-aligned columns, two spaces apart, the first row a header: how the listing commands print. */
final class Table {

    private Table() {}

    static void print(Console console, List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r[c] == null ? 1 : r[c].length());
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = r[c] == null ? "-" : r[c];
                line.append(cell).append(" ".repeat(width[c] - cell.length() + 2));
            }
            console.out().println(line.toString().stripTrailing());
        }
    }
}
