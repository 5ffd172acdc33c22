package dev.tender.deploy;

import java.util.List;

/** A plain-text table: each column but the last padded to its widest cell plus two spaces, one line per row. */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(r[i]);
                if (i < r.length - 1) {
                    b.append(" ".repeat(width[i] + 2 - r[i].length()));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }
}
