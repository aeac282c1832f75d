package dev.kc.api.patch;

import static dev.kc.api.patch.JsonValues.NODES;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}), Kubernetes' JSON merge
 * patch variant that merges lists by key using per-type {@link PatchMeta}. Used by the API server
 * to apply patches from {@code kubectl apply/edit/patch/set/rollout}, and by the CLI to compute the
 * patch of a client-side {@code apply}.
 *
 * <p>Wire format, as {@link #apply} understands it:
 *
 * <ul>
 *   <li>objects merge recursively; {@code null} deletes a key;
 *   <li>lists with {@link PatchMeta.Strategy#MERGE} and a merge key merge element-wise by key (new
 *       keys are added); {@code {"$patch":"delete", <key>: v}} removes the element with key {@code
 *       v}; a {@code {"$patch":"replace"}} element makes the other elements the whole list;
 *   <li>merged lists of scalars (e.g. {@code finalizers}) take the set union; {@code
 *       "$deleteFromPrimitiveList/<field>": [v...]} removes values;
 *   <li>{@code "$setElementOrder/<field>": [...]} fixes the order of a merged list: named elements
 *       in that order, unnamed (live-only) elements keep their live positions;
 *   <li>{@code "$patch": "replace"} on an object replaces it with the rest of the patch object,
 *       {@code "$patch": "delete"} removes it, {@code "$patch": "merge"} is the default;
 *   <li>{@code "$retainKeys": [names]} clears every key of the object not listed;
 *   <li>every other list is replaced whole.
 * </ul>
 *
 * <p>All functions are pure and thread-safe: inputs are never modified, results are new trees.
 */
public final class StrategicMergePatch {

  private StrategicMergePatch() {}

  /**
   * Applies a strategic merge patch.
   *
   * @param original the document to patch; {@code null} is treated as an empty object
   * @param patch the patch, a JSON object
   * @param meta the patch metadata of the document's kind; {@link PatchMeta#none()} makes lists
   *     atomic, as in JSON merge patch
   * @return the patched document, a new object (empty if the patch is {@code {"$patch":"delete"}})
   * @throws PatchException if the patch is malformed: not an object, an unknown {@code $patch}
   *     value, a merged-list element without its merge key, a directive of the wrong shape, a list
   *     directive on a field that does not merge, a key set outside its {@code $retainKeys}, or an
   *     element order that contradicts {@code $setElementOrder}
   */
  public static JsonNode apply(JsonNode original, JsonNode patch, PatchMeta meta) {
    return StrategicMergeApplier.apply(original, patch, meta);
  }

  /**
   * Returns the patch that turns {@code original} into {@code modified}, as kubectl computes it for
   * {@code edit}. {@code apply(original, createTwoWay(original, modified, meta), meta)} equals
   * {@code modified} when the documents have no {@code null} values, merged lists have unique keys
   * (and sets unique values), and every element of a merged list has its merge key.
   *
   * @param original the document before; {@code null} is treated as an empty object
   * @param modified the document after
   * @return the patch with sorted keys; an empty object when the documents are equal
   * @throws PatchException if either document is not an object, a merged list mixes objects and
   *     scalars, or an element of a merged list lacks its merge key
   */
  public static ObjectNode createTwoWay(JsonNode original, JsonNode modified, PatchMeta meta) {
    JsonNode before = objectOrEmpty(original, "original");
    JsonNode after = objectOrEmpty(modified, "modified");
    ObjectNode patch =
        StrategicMergeDiff.diffObjects(before, after, meta, StrategicMergeDiff.TWO_WAY, false, "");
    return (ObjectNode) JsonValues.sortKeys(patch);
  }

  /**
   * Computes the patch a client-side {@code kubectl apply} (1.32) sends: the same structure as
   * apimachinery's {@code CreateThreeWayMergePatch}.
   *
   * <ol>
   *   <li>Additions and changes: fields the manifest sets that differ from the live object. Fields
   *       only the live object has (set by controllers or other users) are left alone.
   *   <li>Deletions: fields in the last-applied configuration that the manifest no longer has
   *       become {@code null}, {@code {"$patch":"delete"}} list elements, {@code
   *       $deleteFromPrimitiveList} entries, or are cleared through {@code $retainKeys}.
   *   <li>The two are combined; merged lists the patch touches get {@code $setElementOrder}.
   *   <li>Unless {@code overwrite}, the patch is checked against the live object's own changes
   *       since the last apply; a field both changed differently is a conflict.
   * </ol>
   *
   * @param original the last-applied configuration; {@code null} if the object has none
   * @param modified the new manifest (for kubectl, including the new last-applied annotation)
   * @param current the live object
   * @param meta the patch metadata of the kind
   * @param overwrite whether the manifest wins over conflicting live changes (kubectl's default)
   * @return the patch with sorted keys; an empty object when nothing needs to change
   * @throws PatchConflictException if {@code overwrite} is false and there is a conflict
   * @throws PatchException if a document is not an object, or a merged list is malformed
   */
  public static ObjectNode createThreeWay(
      JsonNode original, JsonNode modified, JsonNode current, PatchMeta meta, boolean overwrite) {
    JsonNode lastApplied = objectOrEmpty(original, "last-applied configuration");
    JsonNode manifest = objectOrEmpty(modified, "modified configuration");
    JsonNode live = objectOrEmpty(current, "live object");

    ObjectNode additions =
        StrategicMergeDiff.diffObjects(
            live, manifest, meta, StrategicMergeDiff.ADDITIONS, false, "");
    ObjectNode deletions =
        StrategicMergeDiff.diffObjects(
            lastApplied, manifest, meta, StrategicMergeDiff.DELETIONS, false, "");
    ObjectNode patch = StrategicThreeWay.combine(deletions, additions, meta, "");

    if (!overwrite) {
      ObjectNode changed =
          StrategicMergeDiff.diffObjects(
              lastApplied, live, meta, StrategicMergeDiff.CHANGES, false, "");
      String conflict = StrategicThreeWay.findConflict(patch, changed, meta);
      if (conflict != null) {
        throw new PatchConflictException(
            conflict
                + ": the live object was changed there since the last apply, and the new"
                + " configuration changes it differently");
      }
    }
    return (ObjectNode) JsonValues.sortKeys(patch);
  }

  private static JsonNode objectOrEmpty(JsonNode document, String what) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return NODES.objectNode();
    }
    if (!document.isObject()) {
      throw PatchException.at("", "the " + what + " must be a JSON object");
    }
    return document;
  }
}
