package dev.kc.controlplane.objects;

import dev.kc.controlplane.registry.ResourceType;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies the patch types the API accepts to an object, all failures as 4xx. */
final class Patches {
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  private Patches() {}

  /** The patch type named by a Content-Type header (parameters ignored), or {@code null}. */
  static String patchType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String t = contentType.split(";", 2)[0].trim().toLowerCase();
    return switch (t) {
      case JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH -> t;
      default -> null;
    };
  }

  /**
   * Applies a JSON Patch, JSON Merge Patch or strategic merge patch to {@code original} (which is
   * not modified).
   *
   * @throws ApiException 400/422 when the body is malformed or does not apply
   */
  static ObjectNode apply(
      ResourceType type, String patchType, ObjectNode original, byte[] body, String name) {
    JsonNode patch;
    try {
      patch = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("error decoding patch: " + Json.brief(e));
    }
    JsonNode result =
        switch (patchType) {
          case JSON_PATCH -> applyJsonPatch(type, name, patch, original);
          case MERGE_PATCH -> mergePatch(original, requireObject(patch));
          case STRATEGIC_MERGE_PATCH -> StrategicPatcher.current()
              .apply(type, original, requireObject(patch));
          default -> throw ApiException.unsupportedMediaType(patchType);
        };
    if (!(result instanceof ObjectNode o)) {
      throw ApiException.invalid(
          type, name, "the patch produced something that is not an object", java.util.List.of());
    }
    return o;
  }

  private static JsonNode requireObject(JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiException.badRequest(
          "json: cannot unmarshal " + describe(patch) + " into Go value of type map[string]interface {}");
    }
    return patch;
  }

  private static String describe(JsonNode n) {
    return n.isArray() ? "array" : n.isString() ? "string" : n.isNumber() ? "number" : "value";
  }

  private static JsonNode applyJsonPatch(
      ResourceType type, String name, JsonNode patch, ObjectNode original) {
    if (!patch.isArray()) {
      throw ApiException.badRequest(
          "json: cannot unmarshal " + describe(patch) + " into Go value of type jsonpatch.Patch");
    }
    try {
      return JsonPatch.apply(patch, original);
    } catch (JsonPatchException e) {
      // Kubernetes answers a patch that does not apply (a failed test, a missing path) with 422.
      throw ApiException.invalid(
          type,
          name,
          "the server rejected our request due to an error in our request",
          java.util.List.of(new ApiException.Cause("FieldValueInvalid", e.getMessage(), null)));
    } catch (RuntimeException e) {
      throw ApiException.badRequest("invalid JSON patch: " + e.getMessage());
    }
  }

  /** RFC 7386: objects merge key by key, {@code null} removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
    Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }
}
