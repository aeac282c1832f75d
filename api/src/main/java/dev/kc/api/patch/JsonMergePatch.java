package dev.kc.api.patch;

import static dev.kc.api.patch.JsonValues.NODES;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7386): objects merge key by key, {@code null} deletes a key, and every
 * other value (lists included) replaces what was there. Used for {@code
 * application/merge-patch+json} requests (scale, label, annotate, {@code patch --type=merge}) and,
 * through {@link #createThreeWay}, for {@code kubectl apply} of kinds without patch metadata.
 *
 * <p>All functions are pure: arguments are never modified and results share no mutable nodes with
 * them.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {}

  /**
   * Applies {@code patch} to {@code target} as RFC 7386 describes.
   *
   * @param target the document to patch; {@code null} is treated as absent
   * @param patch the merge patch; a non-object patch replaces the whole target
   * @return the patched document (a new tree)
   */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      return patch == null ? NODES.nullNode() : patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? (ObjectNode) target.deepCopy() : NODES.objectNode();
    mergeInto(result, patch);
    return result;
  }

  private static void mergeInto(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject()) {
        JsonNode existing = target.get(key);
        ObjectNode merged =
            existing != null && existing.isObject() ? (ObjectNode) existing : NODES.objectNode();
        mergeInto(merged, value);
        target.set(key, merged);
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  /**
   * Returns the merge patch that turns {@code original} into {@code modified}: changed and added
   * keys with their new values, removed keys as {@code null}, nested objects diffed recursively.
   * {@code apply(original, create(original, modified))} equals {@code modified} for any documents
   * that contain no {@code null} values (merge patch cannot express "set to null").
   *
   * @param original the document before; {@code null} is treated as an empty object
   * @param modified the document after
   * @return the patch; an empty object when nothing changed. When either side is not an object, the
   *     patch is {@code modified} itself
   */
  public static JsonNode create(JsonNode original, JsonNode modified) {
    if (modified == null) {
      return NODES.nullNode();
    }
    if (!modified.isObject()) {
      return modified.deepCopy();
    }
    if (original == null || !original.isObject()) {
      return modified.deepCopy();
    }
    return diff(original, modified);
  }

  private static ObjectNode diff(JsonNode original, JsonNode modified) {
    ObjectNode patch = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : modified.properties()) {
      String key = entry.getKey();
      JsonNode after = entry.getValue();
      JsonNode before = original.get(key);
      if (before != null && before.isObject() && after.isObject()) {
        ObjectNode nested = diff(before, after);
        if (!nested.isEmpty()) {
          patch.set(key, nested);
        }
      } else if (before == null || !JsonValues.equal(before, after)) {
        patch.set(key, after.deepCopy());
      }
    }
    for (String key : original.propertyNames()) {
      if (!modified.has(key)) {
        patch.putNull(key);
      }
    }
    return patch;
  }

  /**
   * Computes the patch {@code kubectl apply} sends for a kind without patch metadata (as kubectl's
   * three-way JSON merge patch does): deletions come from {@code original} (the last-applied
   * configuration) to {@code modified} (the new manifest), additions and changes from {@code
   * current} (the live object) to {@code modified}. Fields set only on the live object by someone
   * else are left alone.
   *
   * @param original the last-applied configuration; {@code null} when there is none
   * @param modified the new manifest
   * @param current the live object; {@code null} is treated as empty
   * @return the patch, an empty object when nothing needs to change
   * @throws PatchConflictException if the additions and the deletions disagree about a field
   *     (cannot happen for documents that are objects all the way down, kept for parity)
   */
  public static ObjectNode createThreeWay(JsonNode original, JsonNode modified, JsonNode current) {
    JsonNode empty = NODES.objectNode();
    JsonNode after = modified != null && modified.isObject() ? modified : empty;
    JsonNode additions = withoutNulls(create(current == null ? empty : current, after));
    JsonNode deletions = onlyNulls(create(original == null ? empty : original, after));
    if (conflicts(additions, deletions)) {
      throw new PatchConflictException(
          "additions "
              + JsonValues.describe(additions)
              + " conflict with deletions "
              + JsonValues.describe(deletions));
    }
    ObjectNode patch = (ObjectNode) deletions.deepCopy();
    mergeInto(patch, additions);
    return (ObjectNode) JsonValues.sortKeys(patch);
  }

  /** Drops null values; objects emptied by the filter disappear, explicit {@code {}} stays. */
  private static JsonNode withoutNulls(JsonNode patch) {
    ObjectNode kept = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      if (value.isObject() && !value.isEmpty()) {
        JsonNode nested = withoutNulls(value);
        if (!nested.isEmpty()) {
          kept.set(entry.getKey(), nested);
        }
      } else {
        kept.set(entry.getKey(), value);
      }
    }
    return kept;
  }

  /** Keeps only null values and the objects leading to them. */
  private static JsonNode onlyNulls(JsonNode patch) {
    ObjectNode kept = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        kept.putNull(entry.getKey());
      } else if (value.isObject() && !value.isEmpty()) {
        JsonNode nested = onlyNulls(value);
        if (!nested.isEmpty()) {
          kept.set(entry.getKey(), nested);
        }
      }
    }
    return kept;
  }

  /** Whether two patches set a common path to different values. */
  private static boolean conflicts(JsonNode left, JsonNode right) {
    if (left.isObject() && right.isObject()) {
      for (Map.Entry<String, JsonNode> entry : left.properties()) {
        JsonNode other = right.get(entry.getKey());
        if (other != null && conflicts(entry.getValue(), other)) {
          return true;
        }
      }
      return false;
    }
    if (left.isArray() && right.isArray()) {
      if (left.size() != right.size()) {
        return true;
      }
      for (int i = 0; i < left.size(); i++) {
        if (conflicts(left.get(i), right.get(i))) {
          return true;
        }
      }
      return false;
    }
    return !JsonValues.equal(left, right);
  }
}
