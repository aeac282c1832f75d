package dev.kc.cli.output;

import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code meta.k8s.io/v1 Table} as returned by the server for {@code kubectl get}.
 *
 * @param columns the column definitions (empty in watch events, which reuse the list's)
 * @param rows the rows
 * @param resourceVersion the list's resourceVersion (for starting a watch), or {@code null}
 * @param continueToken the paging token, or {@code null} when this is the last page
 */
public record ServerTable(
    List<Column> columns, List<Row> rows, String resourceVersion, String continueToken) {

  /**
   * One column definition.
   *
   * @param name display name; the header is its upper-cased form
   * @param format {@code name} marks the column that gets the {@code kind/} prefix
   * @param priority 0 for default columns, higher ones only with {@code -o wide}
   */
  public record Column(String name, String format, int priority) {}

  /**
   * One row.
   *
   * @param cells cell values in the Json value model ({@code null} prints empty)
   * @param object the row's object (usually PartialObjectMetadata), or {@code null}
   */
  public record Row(List<Object> cells, Map<String, Object> object) {
    /** The row object's namespace, or empty. */
    public String namespace() {
      String ns = Json.str(object, "metadata", "namespace");
      return ns == null ? "" : ns;
    }

    /** The row object's labels, or {@code null}. */
    public Map<String, Object> labels() {
      return Json.obj(object, "metadata", "labels");
    }
  }

  /** True when {@code json} is a Table. */
  public static boolean isTable(Object json) {
    return "Table".equals(Json.str(json, "kind"));
  }

  /** Reads a Table from its JSON form. */
  public static ServerTable parse(Object json) {
    List<Column> columns = new ArrayList<>();
    List<Object> defs = Json.arr(json, "columnDefinitions");
    if (defs != null) {
      for (Object d : defs) {
        Object p = Json.at(d, "priority");
        columns.add(
            new Column(
                String.valueOf(Json.str(d, "name")),
                Json.str(d, "format"),
                p instanceof Number ? ((Number) p).intValue() : 0));
      }
    }
    List<Row> rows = new ArrayList<>();
    List<Object> rawRows = Json.arr(json, "rows");
    if (rawRows != null) {
      for (Object r : rawRows) {
        List<Object> cells = Json.arr(r, "cells");
        rows.add(new Row(cells == null ? List.of() : cells, Json.obj(r, "object")));
      }
    }
    String cont = Json.str(json, "metadata", "continue");
    return new ServerTable(
        columns,
        rows,
        Json.str(json, "metadata", "resourceVersion"),
        cont == null || cont.isEmpty() ? null : cont);
  }
}
