package dev.kc.controlplane.objects;

import dev.kc.controlplane.registry.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies strategic merge patches; the implementation knows each kind's patch metadata. */
interface StrategicPatcher {
  JsonNode apply(ResourceType type, ObjectNode original, JsonNode patch);

  static StrategicPatcher current() {
    return (type, original, patch) -> {
      throw ApiException.unsupportedMediaType(Patches.STRATEGIC_MERGE_PATCH);
    };
  }
}
