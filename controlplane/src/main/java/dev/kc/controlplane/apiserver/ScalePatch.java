package dev.kc.controlplane.apiserver;

import dev.kc.api.patch.JsonMergePatch;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.registry.ResourceType;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies a patch to a Scale object (kubectl scale sends a merge patch). */
final class ScalePatch {
  private ScalePatch() {}

  static ObjectNode apply(
      ResourceType type, ObjectNode scale, String contentType, byte[] body, String name) {
    String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    JsonNode patch;
    try {
      patch = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("error decoding patch: " + Json.brief(e));
    }
    switch (media) {
      case "application/json-patch+json" -> {
        try {
          JsonNode r = JsonPatch.apply(patch, scale);
          if (r instanceof ObjectNode o) {
            return o;
          }
          throw ApiException.badRequest("the patch did not produce an object");
        } catch (JsonPatchException e) {
          throw ApiException.invalid(
              type,
              name,
              "the server rejected our request due to an error in our request",
              java.util.List.of());
        }
      }
      // A Scale has no lists, so a strategic merge patch behaves as a merge patch.
      case "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
        if (!patch.isObject()) {
          throw ApiException.badRequest("the patch must be a JSON object");
        }
        return (ObjectNode) JsonMergePatch.apply(scale, patch);
      }
      default -> throw ApiException.unsupportedMediaType(contentType);
    }
  }
}
