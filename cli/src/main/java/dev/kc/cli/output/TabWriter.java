package dev.kc.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated text into columns the way Go's {@code text/tabwriter} does, which is what
 * kubectl's tables and describe output go through.
 *
 * <p>Text is buffered until {@link #flush()}. Each line is split at tabs; every tab-terminated cell
 * belongs to a column, the text after the last tab does not. A column block is a run of consecutive
 * lines that all have a cell in that column; its width is the widest cell plus the padding (at
 * least {@code minWidth}). Cells are left-aligned and padded with spaces.
 *
 * <p>kubectl uses {@code (minWidth 6, padding 3)} for {@code get} tables and {@code (0, 2)} for
 * describe. Its table writer also remembers column widths across flushes (so rows printed one by
 * one while watching stay aligned with the header); see {@link #rememberWidths()}.
 */
public final class TabWriter {

  private final StringBuilder sink;
  private final int minWidth;
  private final int padding;
  private final StringBuilder pending = new StringBuilder();
  private List<Integer> maxWidths;

  /**
   * Creates a writer appending aligned text to {@code sink} on every {@link #flush()}.
   *
   * @param minWidth minimal width of a column including padding
   * @param padding spaces added to the widest cell of a column
   */
  public TabWriter(StringBuilder sink, int minWidth, int padding) {
    this.sink = sink;
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** A writer with kubectl's table settings: minimum width 6, padding 3, remembered widths. */
  public static TabWriter forTables(StringBuilder sink) {
    return new TabWriter(sink, 6, 3).rememberWidths();
  }

  /**
   * Makes column widths sticky across flushes: a column is never narrower than it was in an earlier
   * flush (widths only grow). Returns this writer.
   */
  public TabWriter rememberWidths() {
    maxWidths = new ArrayList<>();
    return this;
  }

  /** Forgets remembered widths (kubectl does this when a new resource type starts). */
  public void resetRememberedWidths() {
    if (maxWidths != null) {
      maxWidths.clear();
    }
  }

  /** Buffers text; it is aligned and emitted by {@link #flush()}. */
  public TabWriter print(String text) {
    pending.append(text);
    return this;
  }

  /** Aligns all buffered text, appends it to the sink and clears the buffer. */
  public void flush() {
    if (pending.length() == 0) {
      return;
    }
    String text = pending.toString();
    pending.setLength(0);
    boolean trailingNewline = text.endsWith("\n");
    String[] rawLines =
        (trailingNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1);
    List<String[]> lines = new ArrayList<>(rawLines.length);
    for (String l : rawLines) {
      lines.add(l.split("\t", -1));
    }
    List<Integer> widths = new ArrayList<>();
    format(lines, widths, 0, lines.size());
    if (!trailingNewline && sink.length() > 0 && sink.charAt(sink.length() - 1) == '\n') {
      sink.setLength(sink.length() - 1);
    }
  }

  /** Go's recursive column-block formatting over lines [line0, line1). */
  private void format(List<String[]> lines, List<Integer> widths, int line0, int line1) {
    int column = widths.size();
    for (int current = line0; current < line1; current++) {
      if (column >= lines.get(current).length - 1) {
        continue;
      }
      // This line has a cell in this column: lines before it are complete.
      writeLines(lines, widths, line0, current);
      line0 = current;
      int width = minWidth;
      for (; current < line1; current++) {
        String[] cells = lines.get(current);
        if (column >= cells.length - 1) {
          break;
        }
        width = Math.max(width, displayWidth(cells[column]) + padding);
      }
      if (maxWidths != null) {
        if (column < maxWidths.size()) {
          width = Math.max(width, maxWidths.get(column));
          maxWidths.set(column, width);
        } else {
          maxWidths.add(width);
        }
      }
      widths.add(width);
      format(lines, widths, line0, current);
      widths.remove(widths.size() - 1);
      line0 = current;
      current--;
    }
    writeLines(lines, widths, line0, line1);
  }

  private void writeLines(List<String[]> lines, List<Integer> widths, int from, int to) {
    for (int i = from; i < to; i++) {
      String[] cells = lines.get(i);
      for (int j = 0; j < cells.length; j++) {
        sink.append(cells[j]);
        if (j < widths.size() && j < cells.length - 1) {
          for (int k = displayWidth(cells[j]); k < widths.get(j); k++) {
            sink.append(' ');
          }
        }
      }
      sink.append('\n');
    }
  }

  private static int displayWidth(String s) {
    return s.codePointCount(0, s.length());
  }
}
