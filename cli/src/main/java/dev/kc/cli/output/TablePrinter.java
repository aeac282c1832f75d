package dev.kc.cli.output;

import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints server-side Tables the way {@code kubectl get} does: upper-cased headers, tab-aligned
 * columns (3 spaces padding), empty null cells, optional NAMESPACE, EVENT, label columns and {@code
 * kind/} name prefixes.
 *
 * <p>One printer serves one resource type; it prints the header once (before the first row), so it
 * can also print watch events row by row.
 */
public final class TablePrinter {

  /**
   * How to print.
   *
   * @param wide include columns with priority above 0 ({@code -o wide})
   * @param withNamespace add a leading NAMESPACE column ({@code -A} on a namespaced type)
   * @param kindPrefix prefix for the name column, e.g. {@code deployment.apps}, or {@code null}
   * @param noHeaders omit the header line
   * @param showLabels add a LABELS column
   * @param labelColumns label keys to show as columns ({@code -L})
   * @param withEvents add a leading EVENT column ({@code --output-watch-events})
   */
  public record Options(
      boolean wide,
      boolean withNamespace,
      String kindPrefix,
      boolean noHeaders,
      boolean showLabels,
      List<String> labelColumns,
      boolean withEvents) {}

  private final Options options;
  private final TabWriter tab;
  private final StringBuilder buffer;
  private final PrintWriter out;
  private List<ServerTable.Column> columns;
  private boolean headerPrinted;

  /**
   * Creates a printer writing to {@code out}.
   *
   * @param tab the tab writer to align with (shared across printers of one command, so remembered
   *     widths behave like kubectl's)
   * @param buffer the tab writer's sink, flushed to {@code out} by {@link #flush()}
   */
  public TablePrinter(Options options, TabWriter tab, StringBuilder buffer, PrintWriter out) {
    this.options = options;
    this.tab = tab;
    this.buffer = buffer;
    this.out = out;
  }

  /** Whether anything (header or rows) has been printed. */
  public boolean hasPrinted() {
    return headerPrinted;
  }

  /**
   * Queues the rows of a table (header first if not printed yet). Column definitions of an earlier
   * table are reused when {@code table} has none (watch events).
   *
   * @param eventType the watch event type for the EVENT column, or {@code null}
   */
  public void add(ServerTable table, String eventType) {
    if (!table.columns().isEmpty()) {
      columns = table.columns();
    }
    if (columns == null || table.rows().isEmpty()) {
      return;
    }
    if (!headerPrinted) {
      if (!options.noHeaders()) {
        tab.print(header());
      }
      headerPrinted = true;
    }
    for (ServerTable.Row row : table.rows()) {
      tab.print(row(row, eventType));
    }
  }

  /** Aligns everything queued so far and writes it out. */
  public void flush() {
    tab.flush();
    out.print(buffer);
    buffer.setLength(0);
    out.flush();
  }

  private String header() {
    List<String> cells = new ArrayList<>();
    if (options.withEvents()) {
      cells.add(eventCell("EVENT"));
    }
    if (options.withNamespace()) {
      cells.add("NAMESPACE");
    }
    for (ServerTable.Column c : columns) {
      if (c.priority() == 0 || options.wide()) {
        cells.add(c.name().toUpperCase(Locale.ROOT));
      }
    }
    for (String key : options.labelColumns()) {
      int slash = key.lastIndexOf('/');
      cells.add(key.substring(slash + 1).toUpperCase(Locale.ROOT));
    }
    if (options.showLabels()) {
      cells.add("LABELS");
    }
    return String.join("\t", cells) + "\n";
  }

  private String row(ServerTable.Row row, String eventType) {
    List<String> cells = new ArrayList<>();
    if (options.withEvents()) {
      cells.add(eventCell(eventType == null ? "" : eventType));
    }
    if (options.withNamespace()) {
      cells.add(row.namespace());
    }
    boolean prefixed = false;
    for (int i = 0; i < columns.size() && i < row.cells().size(); i++) {
      ServerTable.Column c = columns.get(i);
      if (c.priority() != 0 && !options.wide()) {
        continue;
      }
      String text = cell(row.cells().get(i));
      if (!prefixed && options.kindPrefix() != null && "name".equals(c.format())) {
        text = options.kindPrefix() + "/" + text;
        prefixed = true;
      }
      cells.add(text);
    }
    Map<String, Object> labels = row.labels();
    for (String key : options.labelColumns()) {
      Object v = labels == null ? null : labels.get(key);
      cells.add(v == null ? "" : String.valueOf(v));
    }
    if (options.showLabels()) {
      cells.add(formatLabels(labels));
    }
    return String.join("\t", cells) + "\n";
  }

  /** kubectl pads the EVENT column to the longest event type ({@code MODIFIED}). */
  private static String eventCell(String text) {
    return String.format("%-8s", text);
  }

  /**
   * Renders one cell as kubectl does: like Go's {@code fmt.Print}, except that a null cell is empty
   * (servers send the text {@code <none>} themselves where they want it).
   */
  public static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof Double) {
      return YamlWriter.formatFloatForPrint((Double) v);
    }
    if (v instanceof List) {
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) v) {
        parts.add(o == null ? "<nil>" : cell(o));
      }
      return "[" + String.join(" ", parts) + "]";
    }
    if (v instanceof Map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
        parts.add(e.getKey() + ":" + (e.getValue() == null ? "<nil>" : cell(e.getValue())));
      }
      return "map[" + String.join(" ", parts) + "]";
    }
    return String.valueOf(v);
  }

  /** {@code k=v} pairs sorted by key and comma-joined, or {@code <none>}. */
  public static String formatLabels(Map<String, Object> labels) {
    if (labels == null || labels.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : new TreeMap<>(labels).entrySet()) {
      parts.add(e.getKey() + "=" + Json.str(labels, e.getKey()));
    }
    return String.join(",", parts);
  }
}
