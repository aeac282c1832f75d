package dev.kc.cli.describe;

import dev.kc.cli.output.TabWriter;

/**
 * kubectl's describe writer: lines are indented two spaces per level and tab-separated cells are
 * aligned (padding 2) across consecutive lines.
 */
public final class DescribeWriter {

  private final StringBuilder sink = new StringBuilder();
  private final TabWriter tab = new TabWriter(sink, 0, 2);

  /** Writes {@code text} indented by {@code level} (two spaces each). */
  public DescribeWriter write(int level, String text) {
    tab.print("  ".repeat(level) + text);
    return this;
  }

  /** Ends the current alignment block: later lines are aligned independently. */
  public void flush() {
    tab.flush();
  }

  /** Everything written, aligned. */
  public String text() {
    tab.flush();
    return sink.toString();
  }
}
