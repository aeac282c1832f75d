package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.printers.Column;
import dev.kc.controlplane.printers.Printers;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Encodes objects as {@code meta.k8s.io/v1 Table}s for {@code kubectl get}. */
final class Tables {
  /** What each row carries besides its cells ({@code includeObject}). */
  enum Include {
    NONE,
    METADATA,
    OBJECT;

    static Include parse(String value) {
      if (value == null || value.isEmpty() || value.equals("Metadata")) {
        return METADATA;
      }
      return switch (value) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        default -> METADATA;
      };
    }
  }

  private Tables() {}

  /** Whether an Accept header asks for a Table. */
  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /**
   * A Table of {@code objects}.
   *
   * @param stored the objects in storage form, which the printers read
   * @param served the same objects in the requested version, for {@code includeObject=Object}
   */
  static ObjectNode table(
      String kind,
      List<ObjectNode> stored,
      List<ObjectNode> served,
      Include include,
      String resourceVersion,
      boolean withColumns,
      Instant now) {
    Printers.Printer printer = Printers.forKind(kind);
    ObjectNode t = Json.object();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/v1");
    t.putObject("metadata").put("resourceVersion", resourceVersion);
    ArrayNode cols = t.putArray("columnDefinitions");
    if (withColumns) {
      for (Column c : printer.columns()) {
        ObjectNode cn = cols.addObject();
        cn.put("name", c.name());
        cn.put("type", c.type());
        cn.put("format", c.format());
        cn.put("description", c.description());
        cn.put("priority", c.priority());
      }
    }
    ArrayNode rows = t.putArray("rows");
    for (int i = 0; i < stored.size(); i++) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Object cell : printer.row(stored.get(i), now)) {
        if (cell == null) {
          cells.addNull();
        } else if (cell instanceof Integer n) {
          cells.add(n);
        } else if (cell instanceof Long n) {
          cells.add(n);
        } else {
          cells.add(cell.toString());
        }
      }
      if (include == Include.OBJECT) {
        row.set("object", served.get(i));
      } else if (include == Include.METADATA) {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        JsonNode meta = stored.get(i).get("metadata");
        partial.set("metadata", meta == null ? Json.object() : meta);
      }
    }
    return t;
  }
}
