package io.torvyn.tools.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: left-aligned first column, right-aligned figures, columns as wide as their widest cell. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] leftAligned;

    /** @param leftColumns how many leading columns are left-aligned (names); the rest are figures */
    TextTable(final int leftColumns, final String... header) {
        this.leftAligned = new boolean[header.length];
        for (int i = 0; i < leftColumns && i < header.length; i++) {
            leftAligned[i] = true;
        }
        rows.add(header);
    }

    TextTable row(final String... cells) {
        rows.add(cells);
        return this;
    }

    /** The table, each line indented by {@code indent}; a cell past the header's width is appended as is. */
    String render(final String indent) {
        final int columns = leftAligned.length;
        final int[] width = new int[columns];
        for (final String[] r : rows) {
            for (int c = 0; c < columns && c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (final String[] r : rows) {
            final StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < r.length; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                if (c >= columns) {
                    line.append(r[c]);
                    continue;
                }
                final String pad = " ".repeat(width[c] - r[c].length());
                line.append(leftAligned[c] ? r[c] + pad : pad + r[c]);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
