package dev.kc.controlplane.objects;

import dev.kc.api.patch.JsonMergePatch;
import dev.kc.api.patch.PatchException;
import dev.kc.api.patch.PatchMeta;
import dev.kc.api.patch.StrategicMergePatch;
import dev.kc.controlplane.registry.ResourceType;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
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
          case MERGE_PATCH -> JsonMergePatch.apply(original, requireObject(patch));
          case STRATEGIC_MERGE_PATCH -> strategic(type, original, requireObject(patch));
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
          "json: cannot unmarshal "
              + describe(patch)
              + " into Go value of type map[string]interface {}");
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

  private static JsonNode strategic(ResourceType type, ObjectNode original, JsonNode patch) {
    PatchMeta meta = PatchMeta.forKind(Json.text(original, "apiVersion"), type.kind());
    try {
      return StrategicMergePatch.apply(original, patch, meta);
    } catch (PatchException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
