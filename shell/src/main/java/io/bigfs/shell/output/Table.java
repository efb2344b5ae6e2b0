package io.bigfs.shell.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed in aligned columns, two spaces apart; numeric columns are right-aligned so
 * that digits line up. Rows are kept until {@link #print}, because a column is as wide as its
 * widest cell.
 */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  /** @param columns the number of columns of every row */
  public Table(int columns) {
    this.rightAligned = new boolean[columns];
  }

  /** Right-aligns the given columns (numbers). */
  public Table right(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  public Table row(Object... cells) {
    if (cells.length != rightAligned.length) {
      throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + rightAligned.length);
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintStream out) {
    int[] widths = new int[rightAligned.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder line = new StringBuilder();
    for (String[] row : rows) {
      line.setLength(0);
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        String pad = " ".repeat(widths[i] - row[i].length());
        if (rightAligned[i]) {
          line.append(pad).append(row[i]);
        } else {
          line.append(row[i]).append(last ? "" : pad);
        }
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line);
    }
    rows.clear();
  }
}
