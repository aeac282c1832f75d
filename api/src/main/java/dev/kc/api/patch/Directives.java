package dev.kc.api.patch;

import tools.jackson.databind.JsonNode;

/** The directive keys and values of the strategic merge patch wire format. */
final class Directives {
  /** {@code "$patch": "replace" | "delete" | "merge"} on an object or as a list element. */
  static final String PATCH = "$patch";

  static final String REPLACE = "replace";
  static final String DELETE = "delete";
  static final String MERGE = "merge";

  /** {@code "$retainKeys": [names]}: clear every key of the object not listed. */
  static final String RETAIN_KEYS = "$retainKeys";

  /** {@code "$setElementOrder/<field>": [...]}: the final order of a merged list. */
  static final String SET_ELEMENT_ORDER = "$setElementOrder";

  /** {@code "$deleteFromPrimitiveList/<field>": [...]}: values to drop from a merged set. */
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  private Directives() {}

  /** Returns whether {@code key} is a directive rather than a field name. */
  static boolean isDirectiveKey(String key) {
    return key.equals(PATCH)
        || key.equals(RETAIN_KEYS)
        || key.startsWith(SET_ELEMENT_ORDER)
        || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  /** Returns whether {@code key} is a parallel-list directive that names a field after a slash. */
  static boolean isListDirectiveKey(String key) {
    return key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  static String setElementOrderKey(String field) {
    return SET_ELEMENT_ORDER + "/" + field;
  }

  static String deleteFromPrimitiveListKey(String field) {
    return DELETE_FROM_PRIMITIVE_LIST + "/" + field;
  }

  /**
   * Reads a {@code $patch} value.
   *
   * @return {@link #REPLACE}, {@link #DELETE} or {@link #MERGE}
   * @throws PatchException if the value is not one of those strings
   */
  static String patchDirective(JsonNode value, String path) {
    if (value.isString()) {
      switch (value.stringValue()) {
        case REPLACE:
          return REPLACE;
        case DELETE:
          return DELETE;
        case MERGE:
          return MERGE;
        default:
          break;
      }
    }
    throw PatchException.at(
        path,
        "unknown "
            + PATCH
            + " directive "
            + JsonValues.describe(value)
            + " (expected \"replace\", \"delete\" or \"merge\")");
  }

  /** Returns a {@code {"$patch":"delete", <key>: value}} list element. */
  static JsonNode deleteElement(String mergeKey, JsonNode keyValue) {
    return JsonValues.NODES.objectNode().put(PATCH, DELETE).set(mergeKey, keyValue.deepCopy());
  }
}
