package dev.kc.api.patch;

import static dev.kc.api.patch.JsonValues.NODES;

import dev.kc.api.patch.PatchMeta.FieldMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a strategic merge patch to a document. Semantics follow the API server (apimachinery's
 * {@code strategicpatch.StrategicMergeMapPatch}), with these deliberate differences, all of which
 * only change the outcome of patches the API server would store as garbage:
 *
 * <ul>
 *   <li>A value added where the document had none is merged into an empty value instead of being
 *       copied verbatim, so directives and {@code null}s inside it are processed, not stored.
 *   <li>{@code "$patch": "delete"} on a nested object removes the key (the API server leaves an
 *       empty object); {@code "$patch": "merge"} is accepted as the no-op default.
 *   <li>List directives on a field that does not merge, and non-list values for a merged list, are
 *       errors rather than replacements.
 * </ul>
 *
 * <p>The applier works on a private deep copy of the original and never touches its arguments.
 */
final class StrategicMergeApplier {

  private StrategicMergeApplier() {}

  static ObjectNode apply(JsonNode original, JsonNode patch, PatchMeta meta) {
    if (patch == null || !patch.isObject()) {
      throw PatchException.at("", "a strategic merge patch must be a JSON object");
    }
    ObjectNode target;
    if (original == null || original.isNull() || original.isMissingNode()) {
      target = NODES.objectNode();
    } else if (original.isObject()) {
      target = (ObjectNode) original.deepCopy();
    } else {
      throw PatchException.at("", "only JSON objects can be patched");
    }
    ObjectNode result = mergeObject(target, patch, meta, "");
    return result == null ? NODES.objectNode() : result;
  }

  /**
   * Merges {@code patch} into {@code target} in place.
   *
   * @return {@code target}, or {@code null} if the patch deletes the object
   */
  private static ObjectNode mergeObject(
      ObjectNode target, JsonNode patch, PatchMeta meta, String path) {
    JsonNode directive = patch.get(Directives.PATCH);
    if (directive != null) {
      String kind = Directives.patchDirective(directive, path);
      if (kind.equals(Directives.DELETE)) {
        return null;
      }
      if (kind.equals(Directives.REPLACE)) {
        target.removeAll();
      }
    }
    applyRetainKeys(target, patch, path);
    ListDirectives lists = ListDirectives.read(patch, path);

    // 1. Fields the patch sets or deletes.
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      if (Directives.isDirectiveKey(key)) {
        continue;
      }
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        target.remove(key);
      } else {
        mergeField(target, key, value, meta.fieldMeta(key), lists, path);
      }
    }

    // 2. Merged lists that only get a new order or lose some values.
    for (String field : lists.fields()) {
      if (!patch.has(field)) {
        applyListDirectivesOnly(target, field, meta.fieldMeta(field), lists, path);
      }
    }
    return target;
  }

  private static void mergeField(
      ObjectNode target,
      String key,
      JsonNode value,
      FieldMeta field,
      ListDirectives lists,
      String path) {
    String fieldPath = JsonValues.child(path, key);
    JsonNode existing = target.get(key);
    if (field.isMerge() && !value.isArray()) {
      throw PatchException.at(
          fieldPath, "expected a list for a merged list, got " + JsonValues.describe(value));
    }
    if (value.isObject()) {
      ObjectNode base =
          existing != null && existing.isObject() && !field.isReplace()
              ? (ObjectNode) existing
              : NODES.objectNode();
      ObjectNode merged = mergeObject(base, value, field.type(), fieldPath);
      if (merged == null) {
        target.remove(key);
      } else {
        target.set(key, merged);
      }
    } else if (value.isArray()) {
      if (field.isMerge()) {
        ArrayNode base = existing != null && existing.isArray() ? (ArrayNode) existing : null;
        target.set(
            key,
            mergeList(
                base, (ArrayNode) value, lists.order(key), lists.deletions(key), field, fieldPath));
      } else {
        lists.requireNone(key, fieldPath);
        target.set(key, atomicList(value, fieldPath));
      }
    } else {
      target.set(key, value);
    }
  }

  private static void applyListDirectivesOnly(
      ObjectNode target, String field, FieldMeta meta, ListDirectives lists, String path) {
    String fieldPath = JsonValues.child(path, field);
    if (!meta.isMerge()) {
      throw PatchException.at(
          fieldPath,
          Directives.SET_ELEMENT_ORDER
              + " and "
              + Directives.DELETE_FROM_PRIMITIVE_LIST
              + " need a merged list, but this field is replaced whole");
    }
    JsonNode existing = target.get(field);
    if (existing == null || existing.isNull()) {
      return;
    }
    if (!existing.isArray()) {
      throw PatchException.at(
          fieldPath, "cannot reorder or delete from a value that is not a list");
    }
    target.set(
        field,
        mergeList(
            (ArrayNode) existing,
            null,
            lists.order(field),
            lists.deletions(field),
            meta,
            fieldPath));
  }

  /** A list that is replaced whole; a bare {@code {"$patch":"replace"}} element is dropped. */
  private static ArrayNode atomicList(JsonNode value, String path) {
    ArrayNode out = NODES.arrayNode(value.size());
    for (JsonNode element : value) {
      JsonNode directive = element.isObject() ? element.get(Directives.PATCH) : null;
      if (directive != null) {
        String kind = Directives.patchDirective(directive, path);
        if (kind.equals(Directives.REPLACE) && element.size() == 1) {
          continue;
        }
        throw PatchException.at(
            path,
            "\"$patch\": \"" + kind + "\" needs a list that merges by key; this one does not");
      }
      out.add(element.deepCopy());
    }
    return out;
  }

  private static void applyRetainKeys(ObjectNode target, JsonNode patch, String path) {
    JsonNode retain = patch.get(Directives.RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchException.at(path, Directives.RETAIN_KEYS + " must be a list of field names");
    }
    Set<String> keep = new HashSet<>();
    for (JsonNode name : retain) {
      if (!name.isString()) {
        throw PatchException.at(path, Directives.RETAIN_KEYS + " must be a list of field names");
      }
      keep.add(name.stringValue());
    }
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      if (!Directives.isDirectiveKey(key) && !entry.getValue().isNull() && !keep.contains(key)) {
        throw PatchException.at(
            path, "field \"" + key + "\" is set but not listed in " + Directives.RETAIN_KEYS);
      }
    }
    target.retain(keep);
  }

  private static ArrayNode mergeList(
      ArrayNode base,
      ArrayNode patch,
      ArrayNode order,
      ArrayNode deletions,
      FieldMeta field,
      String path) {
    List<JsonNode> original = new ArrayList<>();
    if (base != null) {
      base.forEach(original::add);
    }
    List<JsonNode> merged =
        field.mergeKey() != null
            ? KeyedListMerge.merge(original, patch, order, deletions, field, path)
            : mergeSet(original, patch, order, deletions, path);
    ArrayNode out = NODES.arrayNode(merged.size());
    out.addAll(merged);
    return out;
  }

  /** A merged list of scalars such as {@code finalizers}: set union, then order, then deletes. */
  private static List<JsonNode> mergeSet(
      List<JsonNode> original, ArrayNode patch, ArrayNode order, ArrayNode deletions, String path) {
    ElementOrder ids = ElementOrder.of(JsonValues::identity);
    List<JsonNode> result = original;
    if (patch != null) {
      requireScalars(patch, path, "list");
      Map<String, JsonNode> union = new LinkedHashMap<>();
      original.forEach(value -> union.putIfAbsent(JsonValues.identity(value), value));
      patch.forEach(value -> union.putIfAbsent(JsonValues.identity(value), value));
      result = ids.normalize(new ArrayList<>(union.values()), list(patch), original);
    }
    if (order != null) {
      requireScalars(order, path, Directives.SET_ELEMENT_ORDER + " list");
      ids.requireConsistent(patch == null ? List.of() : list(patch), list(order), path);
      result = ids.normalize(result, list(order), original);
    }
    if (deletions != null) {
      requireScalars(deletions, path, Directives.DELETE_FROM_PRIMITIVE_LIST + " list");
      Set<String> drop = new HashSet<>();
      deletions.forEach(value -> drop.add(JsonValues.identity(value)));
      result.removeIf(value -> drop.contains(JsonValues.identity(value)));
    }
    return result;
  }

  private static void requireScalars(ArrayNode values, String path, String what) {
    for (JsonNode value : values) {
      if (!JsonValues.isScalar(value)) {
        throw PatchException.at(
            path,
            "this "
                + what
                + " merges as a set of scalars (it has no merge key), but contains "
                + JsonValues.describe(value));
      }
    }
  }

  static List<JsonNode> list(ArrayNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }

  /** Merges a list of objects by merge key; see {@link #merge}. */
  private static final class KeyedListMerge {
    private KeyedListMerge() {}

    /**
     * Merges a keyed list the way the API server does:
     *
     * <ol>
     *   <li>{@code {"$patch":"delete", key}} elements remove every element with that key;
     *   <li>a {@code {"$patch":"replace"}} element makes the other patch elements the whole list;
     *   <li>each other patch element merges into the element with the same key, or is appended;
     *   <li>patch elements take the patch's order, interleaved with untouched elements by their
     *       original positions (so a new element lands first unless an order is given);
     *   <li>{@code $setElementOrder} then fixes the order of the elements it names.
     * </ol>
     */
    static List<JsonNode> merge(
        List<JsonNode> original,
        ArrayNode patch,
        ArrayNode order,
        ArrayNode deletions,
        FieldMeta field,
        String path) {
      String key = field.mergeKey();
      if (deletions != null) {
        throw PatchException.at(
            path,
            Directives.DELETE_FROM_PRIMITIVE_LIST
                + " applies to lists of scalars; this list merges by \""
                + key
                + "\"");
      }
      ElementOrder ids = ElementOrder.of(element -> keyIdentity(element, key));
      List<JsonNode> working = new ArrayList<>(original);
      List<JsonNode> updates = new ArrayList<>();
      boolean replace = false;
      if (patch != null) {
        replace = readPatchElements(patch, key, working, updates, path);
      }
      if (replace) {
        working.clear();
      }
      List<JsonNode> serverOrder = new ArrayList<>(working);
      for (JsonNode update : updates) {
        mergeElement(working, update, key, field.type(), path);
      }
      List<JsonNode> result = ids.normalize(working, updates, serverOrder);
      if (order != null) {
        requireKeyedElements(order, key, path, Directives.SET_ELEMENT_ORDER + " list");
        ids.requireConsistent(updates, list(order), path);
        result = ids.normalize(result, list(order), original);
      }
      return result;
    }

    /**
     * Sorts patch elements into deletions (applied to {@code working} at once) and updates.
     *
     * @return whether the list is to be replaced
     */
    private static boolean readPatchElements(
        ArrayNode patch, String key, List<JsonNode> working, List<JsonNode> updates, String path) {
      boolean replace = false;
      for (JsonNode element : patch) {
        if (!element.isObject()) {
          throw PatchException.at(
              path,
              "this list merges by \""
                  + key
                  + "\"; element is not an object: "
                  + JsonValues.describe(element));
        }
        JsonNode directive = element.get(Directives.PATCH);
        String kind =
            directive == null ? Directives.MERGE : Directives.patchDirective(directive, path);
        if (kind.equals(Directives.REPLACE)) {
          replace = true;
        } else if (kind.equals(Directives.DELETE)) {
          JsonNode value = requireKey(element, key, path);
          working.removeIf(existing -> JsonValues.equal(existing.get(key), value));
        } else if (directive == null || element.size() > 1) {
          requireKey(element, key, path);
          updates.add(element);
        }
      }
      return replace;
    }

    private static void mergeElement(
        List<JsonNode> working, JsonNode update, String key, PatchMeta type, String path) {
      JsonNode value = update.get(key);
      String elementPath = path + "[" + key + "=" + JsonValues.text(value) + "]";
      for (int i = 0; i < working.size(); i++) {
        JsonNode existing = working.get(i);
        if (existing.isObject() && JsonValues.equal(existing.get(key), value)) {
          working.set(i, mergeObject((ObjectNode) existing, update, type, elementPath));
          return;
        }
      }
      working.add(mergeObject(NODES.objectNode(), update, type, elementPath));
    }

    private static JsonNode requireKey(JsonNode element, String key, String path) {
      JsonNode value = element.get(key);
      if (value == null || value.isNull()) {
        throw PatchException.at(
            path, "element has no merge key \"" + key + "\": " + JsonValues.describe(element));
      }
      return value;
    }

    private static void requireKeyedElements(
        ArrayNode elements, String key, String path, String what) {
      for (JsonNode element : elements) {
        if (!element.isObject()) {
          throw PatchException.at(
              path,
              what
                  + " entries must be objects with \""
                  + key
                  + "\", got "
                  + JsonValues.describe(element));
        }
        requireKey(element, key, path);
      }
    }

    /** Identity of an element by merge key; elements without the key never match anything. */
    private static String keyIdentity(JsonNode element, String key) {
      JsonNode value = element.isObject() ? element.get(key) : null;
      return value == null ? null : JsonValues.identity(value);
    }
  }
}
