package dev.kc.api.patch;

import dev.kc.api.patch.PatchMeta.FieldMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two steps of kubectl's three-way patch that come after the two diffs: combining the deletions
 * patch with the additions patch, and detecting conflicts when overwrite is off.
 */
final class StrategicThreeWay {
  private static final PatchMeta.FieldMeta NO_FIELD = PatchMeta.none().fieldMeta("");

  private StrategicThreeWay() {}

  /**
   * Combines {@code deletions} (from last-applied to manifest) with {@code additions} (from live to
   * manifest). The two never set the same scalar: deletions only name keys the manifest lacks,
   * additions only keys it has. Merged lists are combined by key, with the elements the manifest
   * keeps in its order and the delete directives after them.
   */
  static ObjectNode combine(JsonNode deletions, JsonNode additions, PatchMeta meta, String path) {
    ObjectNode out = (ObjectNode) deletions.deepCopy();
    for (Map.Entry<String, JsonNode> entry : additions.properties()) {
      String key = entry.getKey();
      JsonNode added = entry.getValue();
      JsonNode existing = out.get(key);
      if (key.equals(Directives.RETAIN_KEYS) || key.startsWith(Directives.SET_ELEMENT_ORDER)) {
        // Both patches derive these from the manifest, so they agree whenever both have them.
        if (existing != null && !JsonValues.equal(existing, added)) {
          throw PatchException.at(path, "the two halves of the patch disagree on " + key);
        }
        out.set(key, added.deepCopy());
      } else if (existing == null
          || added.isNull()
          || JsonValues.kind(existing) != JsonValues.kind(added)) {
        out.set(key, added.deepCopy());
      } else {
        out.set(key, combineField(key, existing, added, meta.fieldMeta(key), out, additions, path));
      }
    }
    return out;
  }

  private static JsonNode combineField(
      String key,
      JsonNode existing,
      JsonNode added,
      FieldMeta field,
      JsonNode deletions,
      JsonNode additions,
      String path) {
    if (existing.isObject() && !field.isReplace()) {
      return combine(existing, added, field.type(), JsonValues.child(path, key));
    }
    if (existing.isArray() && field.isMerge()) {
      JsonNode order = additions.get(Directives.setElementOrderKey(key));
      if (order == null) {
        order = deletions.get(Directives.setElementOrderKey(key));
      }
      return combineLists(existing, added, field, order, JsonValues.child(path, key));
    }
    return added.deepCopy();
  }

  private static ArrayNode combineLists(
      JsonNode deletions, JsonNode additions, FieldMeta field, JsonNode order, String path) {
    String key = field.mergeKey();
    List<JsonNode> items = new ArrayList<>();
    deletions.forEach(items::add);
    if (key == null) {
      Set<String> seen = new HashSet<>();
      List<JsonNode> union = new ArrayList<>();
      for (JsonNode value : additions) {
        if (seen.add(JsonValues.identity(value))) {
          union.add(value);
        }
      }
      for (JsonNode value : items) {
        if (seen.add(JsonValues.identity(value))) {
          union.add(value);
        }
      }
      return toArray(union);
    }
    for (JsonNode element : additions) {
      int index = indexOfKey(items, key, element.get(key));
      if (index >= 0 && items.get(index).isObject() && element.isObject()) {
        items.set(index, combine(items.get(index), element, field.type(), path));
      } else {
        items.add(element);
      }
    }
    List<JsonNode> kept = new ArrayList<>();
    List<JsonNode> deleted = new ArrayList<>();
    for (JsonNode element : items) {
      JsonNode directive = element.get(Directives.PATCH);
      boolean isDelete =
          directive != null
              && directive.isString()
              && Directives.DELETE.equals(directive.stringValue());
      (isDelete ? deleted : kept).add(element);
    }
    if (order != null) {
      Map<String, Integer> positions = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        JsonNode value = order.get(i).get(key);
        if (value != null) {
          positions.putIfAbsent(JsonValues.identity(value), i);
        }
      }
      kept.sort(
          (a, b) -> Integer.compare(position(positions, a, key), position(positions, b, key)));
    }
    kept.addAll(deleted);
    return toArray(kept);
  }

  private static int position(Map<String, Integer> positions, JsonNode element, String key) {
    JsonNode value = element.get(key);
    return value == null
        ? Integer.MAX_VALUE
        : positions.getOrDefault(JsonValues.identity(value), Integer.MAX_VALUE);
  }

  private static int indexOfKey(List<JsonNode> items, String key, JsonNode value) {
    if (value == null) {
      return -1;
    }
    for (int i = 0; i < items.size(); i++) {
      if (JsonValues.equal(items.get(i).get(key), value)) {
        return i;
      }
    }
    return -1;
  }

  private static ArrayNode toArray(List<JsonNode> elements) {
    ArrayNode out = JsonValues.NODES.arrayNode(elements.size());
    elements.forEach(element -> out.add(element.deepCopy()));
    return out;
  }

  /**
   * Returns whether {@code patch} and {@code changed} (the live object's drift from the
   * last-applied configuration) touch a common field in different ways, after apimachinery's {@code
   * MergingMapsHaveConflicts}: merged lists are compared element by element by key, merged sets
   * never conflict, other lists conflict unless equal.
   *
   * @return the dotted path of the first conflict, or {@code null} if there is none
   */
  static String findConflict(JsonNode patch, JsonNode changed, PatchMeta meta) {
    return conflictAt(patch, changed, NO_FIELD, meta, "");
  }

  private static String conflictAt(
      JsonNode left, JsonNode right, FieldMeta field, PatchMeta type, String path) {
    if (left.isObject()) {
      return right.isObject() ? objectConflict(left, right, field, type, path) : pathOf(path);
    }
    if (left.isArray()) {
      return right.isArray() ? listConflict(left, right, field, path) : pathOf(path);
    }
    return JsonValues.equal(left, right) ? null : pathOf(path);
  }

  private static String objectConflict(
      JsonNode left, JsonNode right, FieldMeta field, PatchMeta type, String path) {
    JsonNode leftDirective = left.get(Directives.PATCH);
    JsonNode rightDirective = right.get(Directives.PATCH);
    if ((leftDirective != null || rightDirective != null)
        && (leftDirective == null
            || rightDirective == null
            || !JsonValues.equal(leftDirective, rightDirective))) {
      return pathOf(path);
    }
    if (field.isReplace()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> entry : left.properties()) {
      String key = entry.getKey();
      JsonNode other = right.get(key);
      if (other == null || Directives.isDirectiveKey(key)) {
        continue;
      }
      FieldMeta child = type.fieldMeta(key);
      String conflict =
          conflictAt(entry.getValue(), other, child, child.type(), JsonValues.child(path, key));
      if (conflict != null) {
        return conflict;
      }
    }
    return null;
  }

  private static String listConflict(JsonNode left, JsonNode right, FieldMeta field, String path) {
    boolean objects = containsObject(left) || containsObject(right);
    if (field.isMerge()) {
      if (!objects) {
        return null;
      }
      Map<String, JsonNode> rightByKey = byKey(right, field.mergeKey());
      for (Map.Entry<String, JsonNode> entry : byKey(left, field.mergeKey()).entrySet()) {
        JsonNode other = rightByKey.get(entry.getKey());
        if (other != null) {
          String conflict = conflictAt(entry.getValue(), other, NO_FIELD, field.type(), path);
          if (conflict != null) {
            return conflict;
          }
        }
      }
      return null;
    }
    if (left.size() != right.size()) {
      return pathOf(path);
    }
    if (!objects) {
      return sortedSet(left).equals(sortedSet(right)) ? null : pathOf(path);
    }
    for (int i = 0; i < left.size(); i++) {
      String conflict = conflictAt(left.get(i), right.get(i), NO_FIELD, field.type(), path);
      if (conflict != null) {
        return conflict;
      }
    }
    return null;
  }

  private static boolean containsObject(JsonNode list) {
    for (JsonNode element : list) {
      if (element.isObject()) {
        return true;
      }
    }
    return false;
  }

  /** Elements by merge-key identity; elements without the key are ignored. */
  private static Map<String, JsonNode> byKey(JsonNode list, String key) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode element : list) {
      JsonNode value = key == null || !element.isObject() ? null : element.get(key);
      if (value != null) {
        out.put(JsonValues.identity(value), element);
      }
    }
    return out;
  }

  private static Set<String> sortedSet(JsonNode list) {
    Set<String> out = new TreeSet<>();
    list.forEach(value -> out.add(JsonValues.identity(value)));
    return out;
  }

  private static String pathOf(String path) {
    return path.isEmpty() ? "<root>" : path;
  }
}
