package dev.kc.cli.commands;

import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.HumanDuration;
import dev.kc.cli.output.ServerTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read requests shared by commands: single objects and lists, as Tables or plain JSON,
 * following {@code continue} tokens. All methods throw {@code ApiException} for error answers.
 */
final class Fetch {

  /** kubectl's default page size ({@code --chunk-size}). */
  static final int PAGE_SIZE = 500;

  private Fetch() {}

  /** Selectors and paging for list requests. */
  record ListOptions(String labelSelector, String fieldSelector, int limit) {
    static ListOptions none() {
      return new ListOptions(null, null, PAGE_SIZE);
    }
  }

  /** GETs one object as a Table (one row). */
  static ServerTable table(RestClient c, ResourceType t, String ns, String name) {
    Object json =
        c.getJson(
            t.objectPath(ns, name),
            RestClient.ACCEPT_TABLE,
            "get " + t.groupResource() + " " + name);
    return asTable(json);
  }

  /** LISTs a collection as a Table, merging all pages. */
  static ServerTable tableList(RestClient c, ResourceType t, String ns, ListOptions o) {
    List<ServerTable.Row> rows = new ArrayList<>();
    List<ServerTable.Column> columns = List.of();
    String rv = null;
    String cont = null;
    do {
      Object json =
          c.getJson(
              t.collectionPath(ns) + listQuery(o, cont).encode(),
              RestClient.ACCEPT_TABLE,
              "get " + t.groupResource());
      ServerTable page = asTable(json);
      if (columns.isEmpty()) {
        columns = page.columns();
      }
      rows.addAll(page.rows());
      rv = page.resourceVersion();
      cont = page.continueToken();
    } while (cont != null);
    return new ServerTable(columns, rows, rv, null);
  }

  /** GETs one object as JSON, making sure it carries kind and apiVersion. */
  static Map<String, Object> object(RestClient c, ResourceType t, String ns, String name) {
    Map<String, Object> obj =
        Json.obj(
            c.getJson(
                t.objectPath(ns, name), RestClient.JSON, "get " + t.groupResource() + " " + name));
    return withTypeMeta(obj == null ? new LinkedHashMap<>() : obj, t);
  }

  /** A list's items (kind and apiVersion filled in) and its resourceVersion. */
  record Items(List<Object> items, String resourceVersion) {}

  /** LISTs a collection as JSON, merging all pages. */
  static Items list(RestClient c, ResourceType t, String ns, ListOptions o) {
    List<Object> items = new ArrayList<>();
    String rv;
    String cont = null;
    do {
      Object json =
          c.getJson(
              t.collectionPath(ns) + listQuery(o, cont).encode(),
              RestClient.JSON,
              "get " + t.groupResource());
      List<Object> page = Json.arr(json, "items");
      if (page != null) {
        for (Object item : page) {
          if (item instanceof Map) {
            items.add(withTypeMeta(Json.obj(item), t));
          }
        }
      }
      rv = Json.str(json, "metadata", "resourceVersion");
      cont = Json.str(json, "metadata", "continue");
      cont = cont == null || cont.isEmpty() ? null : cont;
    } while (cont != null);
    return new Items(items, rv);
  }

  static Query listQuery(ListOptions o, String cont) {
    return new Query()
        .add("labelSelector", o.labelSelector())
        .add("fieldSelector", o.fieldSelector())
        .add("limit", o.limit() > 0 ? Integer.toString(o.limit()) : null)
        .add("continue", cont);
  }

  /** Puts {@code apiVersion} and {@code kind} first when the server left them out. */
  static Map<String, Object> withTypeMeta(Map<String, Object> obj, ResourceType t) {
    if (obj.get("kind") != null && obj.get("apiVersion") != null) {
      return obj;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", obj.get("apiVersion") != null ? obj.get("apiVersion") : t.apiVersion());
    out.put("kind", obj.get("kind") != null ? obj.get("kind") : t.kind());
    out.putAll(obj);
    return out;
  }

  /**
   * Reads a Table answer. A server that ignores the Table Accept header answers with a plain object
   * or list; like kubectl, that is shown as NAME and AGE only.
   */
  static ServerTable asTable(Object json) {
    if (ServerTable.isTable(json)) {
      return ServerTable.parse(json);
    }
    List<ServerTable.Column> columns =
        List.of(new ServerTable.Column("Name", "name", 0), new ServerTable.Column("Age", null, 0));
    List<ServerTable.Row> rows = new ArrayList<>();
    List<Object> items = Json.arr(json, "items");
    for (Object o : items != null ? items : List.of(json)) {
      List<Object> cells = new ArrayList<>();
      cells.add(Json.str(o, "metadata", "name"));
      cells.add(HumanDuration.since(Json.str(o, "metadata", "creationTimestamp"), Instant.now()));
      rows.add(new ServerTable.Row(cells, Json.obj(o)));
    }
    return new ServerTable(columns, rows, Json.str(json, "metadata", "resourceVersion"), null);
  }
}
