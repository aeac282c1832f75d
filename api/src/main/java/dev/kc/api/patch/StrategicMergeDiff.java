package dev.kc.api.patch;

import static dev.kc.api.patch.JsonValues.NODES;

import dev.kc.api.patch.PatchMeta.FieldMeta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes strategic merge patches between two documents, the way kubectl does (apimachinery's
 * {@code strategicpatch.diffMaps}): changed and added fields, {@code null} for removed keys, {@code
 * {"$patch":"delete"}} elements for objects removed from merged lists, {@code
 * $deleteFromPrimitiveList} for scalars removed from merged sets, {@code $setElementOrder} for
 * merged lists whose content or order changed, and {@code $retainKeys} on union types.
 */
final class StrategicMergeDiff {

  /**
   * Which parts of the difference to emit.
   *
   * @param ignoreDeletions skip keys and elements that {@code modified} removed
   * @param ignoreChanges skip keys and elements that {@code modified} added or changed
   * @param setElementOrder emit {@code $setElementOrder} for touched merged lists
   */
  record Options(boolean ignoreDeletions, boolean ignoreChanges, boolean setElementOrder) {}

  static final Options TWO_WAY = new Options(false, false, true);
  static final Options ADDITIONS = new Options(true, false, true);
  static final Options DELETIONS = new Options(false, true, true);
  static final Options CHANGES = new Options(false, false, false);

  private StrategicMergeDiff() {}

  /**
   * Returns the patch from {@code original} to {@code modified} (both objects).
   *
   * @param retainKeys whether this object is a union type whose patch carries {@code $retainKeys}
   */
  static ObjectNode diffObjects(
      JsonNode original,
      JsonNode modified,
      PatchMeta meta,
      Options options,
      boolean retainKeys,
      String path) {
    ObjectNode patch = NODES.objectNode();
    List<String> retained = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : modified.properties()) {
      String key = entry.getKey();
      JsonNode after = entry.getValue();
      if (retainKeys && !after.isNull()) {
        retained.add(key);
      }
      JsonNode before = original.get(key);
      if (before == null || JsonValues.kind(before) != JsonValues.kind(after)) {
        if (!options.ignoreChanges()) {
          patch.set(key, after.deepCopy());
        }
      } else if (after.isObject()) {
        diffObjectField(key, before, after, meta.fieldMeta(key), options, patch, path);
      } else if (after.isArray()) {
        diffListField(key, before, after, meta.fieldMeta(key), options, patch, path);
      } else if (!options.ignoreChanges() && !JsonValues.equal(before, after)) {
        patch.set(key, after);
      }
    }
    if (!options.ignoreDeletions()) {
      for (String key : original.propertyNames()) {
        if (!modified.has(key)) {
          patch.putNull(key);
        }
      }
    }
    // Kubernetes sends $retainKeys only when there is something to patch or to clear.
    if (!retained.isEmpty() && (!patch.isEmpty() || hasExtraValue(original, modified))) {
      retained.sort(null);
      ArrayNode names = patch.putArray(Directives.RETAIN_KEYS);
      retained.forEach(names::add);
    }
    return patch;
  }

  private static void diffObjectField(
      String key,
      JsonNode before,
      JsonNode after,
      FieldMeta field,
      Options options,
      ObjectNode patch,
      String path) {
    if (field.isReplace()) {
      // Unlike apimachinery, skip identical values so an unchanged apply stays a no-op.
      if (!options.ignoreChanges() && !JsonValues.equal(before, after)) {
        patch.set(key, after.deepCopy());
      }
      return;
    }
    ObjectNode nested =
        diffObjects(
            before,
            after,
            field.type(),
            options,
            field.isRetainKeys(),
            JsonValues.child(path, key));
    if (!nested.isEmpty()) {
      patch.set(key, nested);
    }
  }

  private static void diffListField(
      String key,
      JsonNode before,
      JsonNode after,
      FieldMeta field,
      Options options,
      ObjectNode patch,
      String path) {
    if (!field.isMerge()) {
      if (!options.ignoreChanges() && !JsonValues.equal(before, after)) {
        patch.set(key, after.deepCopy());
      }
      return;
    }
    String fieldPath = JsonValues.child(path, key);
    ListDiff diff =
        before.isEmpty()
            ? ListDiff.fromEmpty(after, options)
            : elementsAreObjects(before, after, fieldPath)
                ? diffKeyedLists(before, after, field, options, fieldPath)
                : diffSets(before, after, options);
    if (!diff.changes().isEmpty()) {
      patch.set(key, diff.changes());
    }
    if (!diff.deletions().isEmpty()) {
      patch.set(Directives.deleteFromPrimitiveListKey(key), diff.deletions());
    }
    // An empty order says nothing (the list is emptied by the deletions), so it is not sent.
    if (diff.order() != null && !diff.order().isEmpty()) {
      patch.set(Directives.setElementOrderKey(key), diff.order());
    }
  }

  /**
   * The patch of one merged list.
   *
   * @param changes the patch list: changed, added and (for lists of objects) deleted elements
   * @param deletions scalars removed from a set, for {@code $deleteFromPrimitiveList}
   * @param order the {@code $setElementOrder} list, or {@code null} if not needed
   */
  private record ListDiff(ArrayNode changes, ArrayNode deletions, ArrayNode order) {
    /** Against an empty list everything is an addition, and no order is sent. */
    static ListDiff fromEmpty(JsonNode after, Options options) {
      ArrayNode changes = NODES.arrayNode();
      if (!options.ignoreChanges()) {
        after.forEach(element -> changes.add(element.deepCopy()));
      }
      return new ListDiff(changes, NODES.arrayNode(), null);
    }
  }

  /** Decides between a keyed list and a set; mixing objects and scalars is an error. */
  private static boolean elementsAreObjects(JsonNode before, JsonNode after, String path) {
    int objects = 0;
    int total = 0;
    for (JsonNode list : List.of(before, after)) {
      for (JsonNode element : list) {
        if (element.isArray()) {
          throw PatchException.at(path, "lists of lists cannot be merged");
        }
        objects += element.isObject() ? 1 : 0;
        total++;
      }
    }
    if (objects != 0 && objects != total) {
      throw PatchException.at(path, "list elements must be all objects or all scalars");
    }
    return objects > 0;
  }

  private static ListDiff diffKeyedLists(
      JsonNode before, JsonNode after, FieldMeta field, Options options, String path) {
    String key = field.mergeKey();
    if (key == null) {
      throw PatchException.at(path, "a merged list of objects needs a merge key");
    }
    Map<String, Deque<JsonNode>> unmatched = new LinkedHashMap<>();
    for (JsonNode element : before) {
      String id = JsonValues.identity(mergeKeyOf(element, key, path));
      unmatched.computeIfAbsent(id, ignored -> new ArrayDeque<>()).add(element);
    }
    ArrayNode changes = NODES.arrayNode();
    boolean sameOrder = before.size() == after.size();
    int index = 0;
    for (JsonNode element : after) {
      JsonNode value = mergeKeyOf(element, key, path);
      if (sameOrder) {
        sameOrder = JsonValues.equal(before.get(index).get(key), value);
      }
      index++;
      Deque<JsonNode> candidates = unmatched.get(JsonValues.identity(value));
      JsonNode previous = candidates == null ? null : candidates.poll();
      if (previous == null) {
        if (!options.ignoreChanges()) {
          changes.add(element.deepCopy());
        }
        continue;
      }
      String elementPath = path + "[" + key + "=" + JsonValues.text(value) + "]";
      ObjectNode nested =
          diffObjects(previous, element, field.type(), options, field.isRetainKeys(), elementPath);
      if (!nested.isEmpty()) {
        nested.set(key, value.deepCopy());
        changes.add(nested);
      }
    }
    if (!options.ignoreDeletions()) {
      addDeleteElements(unmatched, key, changes);
    }
    ArrayNode order = null;
    boolean changed = !changes.isEmpty();
    if (options.setElementOrder()
        && ((!options.ignoreChanges() && (changed || !sameOrder))
            || (!options.ignoreDeletions() && changed))) {
      order = NODES.arrayNode(after.size());
      for (JsonNode element : after) {
        order.add(NODES.objectNode().set(key, element.get(key).deepCopy()));
      }
    }
    return new ListDiff(changes, NODES.arrayNode(), order);
  }

  /** Removed elements become delete directives, sorted by key text as kubectl sorts them. */
  private static void addDeleteElements(
      Map<String, Deque<JsonNode>> unmatched, String key, ArrayNode changes) {
    List<JsonNode> removed = new ArrayList<>();
    unmatched.values().forEach(removed::addAll);
    removed.sort(Comparator.comparing(element -> JsonValues.text(element.get(key))));
    for (JsonNode element : removed) {
      changes.add(Directives.deleteElement(key, element.get(key)));
    }
  }

  private static JsonNode mergeKeyOf(JsonNode element, String key, String path) {
    JsonNode value = element.get(key);
    if (value == null) {
      throw PatchException.at(
          path, "element has no merge key \"" + key + "\": " + JsonValues.describe(element));
    }
    return value;
  }

  /** A merged set of scalars: additions in the new order, removals sorted and de-duplicated. */
  private static ListDiff diffSets(JsonNode before, JsonNode after, Options options) {
    Map<String, Integer> remaining = new HashMap<>();
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode value : before) {
      String id = JsonValues.identity(value);
      remaining.merge(id, 1, Integer::sum);
      byId.putIfAbsent(id, value);
    }
    ArrayNode changes = NODES.arrayNode();
    for (JsonNode value : after) {
      String id = JsonValues.identity(value);
      if (remaining.getOrDefault(id, 0) > 0) {
        remaining.merge(id, -1, Integer::sum);
      } else if (!options.ignoreChanges()) {
        changes.add(value);
      }
    }
    ArrayNode deletions = NODES.arrayNode();
    if (!options.ignoreDeletions()) {
      remaining.entrySet().stream()
          .filter(entry -> entry.getValue() > 0)
          .map(entry -> byId.get(entry.getKey()))
          .sorted(Comparator.comparing(JsonValues::text))
          .forEach(deletions::add);
    }
    ArrayNode order = null;
    if (options.setElementOrder()
        && ((!options.ignoreDeletions() && !deletions.isEmpty())
            || (!options.ignoreChanges() && !JsonValues.equal(before, after)))) {
      order = (ArrayNode) after.deepCopy();
    }
    return new ListDiff(changes, deletions, order);
  }

  /** Whether {@code original} has a non-null key that {@code modified} lacks. */
  private static boolean hasExtraValue(JsonNode original, JsonNode modified) {
    for (Map.Entry<String, JsonNode> entry : original.properties()) {
      if (!entry.getValue().isNull() && !modified.has(entry.getKey())) {
        return true;
      }
    }
    return false;
  }
}
