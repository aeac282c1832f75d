package dev.kc.api.patch;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The parallel-list directives of one patch object: {@code $setElementOrder/<field>} and {@code
 * $deleteFromPrimitiveList/<field>}, indexed by field name.
 */
final class ListDirectives {
  private final Map<String, ArrayNode> orders = new LinkedHashMap<>();
  private final Map<String, ArrayNode> deletions = new LinkedHashMap<>();

  private ListDirectives() {}

  /**
   * Collects the list directives of {@code patch}.
   *
   * @throws PatchException if a directive has no field name or its value is not a list
   */
  static ListDirectives read(JsonNode patch, String path) {
    ListDirectives directives = new ListDirectives();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      if (key.startsWith(Directives.SET_ELEMENT_ORDER)) {
        directives.orders.put(
            fieldOf(key, Directives.SET_ELEMENT_ORDER, path), list(entry.getValue(), key, path));
      } else if (key.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)) {
        directives.deletions.put(
            fieldOf(key, Directives.DELETE_FROM_PRIMITIVE_LIST, path),
            list(entry.getValue(), key, path));
      }
    }
    return directives;
  }

  /** The fields that have at least one list directive. */
  Set<String> fields() {
    Set<String> fields = new LinkedHashSet<>(orders.keySet());
    fields.addAll(deletions.keySet());
    return fields;
  }

  /** The requested element order of {@code field}, or {@code null}. */
  ArrayNode order(String field) {
    return orders.get(field);
  }

  /** The scalars to delete from {@code field}, or {@code null}. */
  ArrayNode deletions(String field) {
    return deletions.get(field);
  }

  /** Rejects list directives on a field that is replaced whole. */
  void requireNone(String field, String fieldPath) {
    if (orders.containsKey(field) || deletions.containsKey(field)) {
      throw PatchException.at(
          fieldPath,
          Directives.SET_ELEMENT_ORDER
              + " and "
              + Directives.DELETE_FROM_PRIMITIVE_LIST
              + " need a merged list, but this field is replaced whole");
    }
  }

  private static String fieldOf(String key, String prefix, String path) {
    if (key.length() <= prefix.length() + 1 || key.charAt(prefix.length()) != '/') {
      throw PatchException.at(
          path, "directive \"" + key + "\" must look like " + prefix + "/<field>");
    }
    return key.substring(prefix.length() + 1);
  }

  private static ArrayNode list(JsonNode value, String key, String path) {
    if (!value.isArray()) {
      throw PatchException.at(
          path, "\"" + key + "\" must be a list, got " + JsonValues.describe(value));
    }
    return (ArrayNode) value;
  }
}
