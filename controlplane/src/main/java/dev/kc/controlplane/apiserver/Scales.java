package dev.kc.controlplane.apiserver;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a workload. */
final class Scales {
  private Scales() {}

  /** The Scale of a stored workload. */
  static ObjectNode of(ResourceType type, ObjectNode obj) {
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode m = obj.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (m.has(f)) {
        meta.set(f, m.get(f));
      }
    }
    scale.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", obj.path("status").path("replicas").asInt(0));
    try {
      status.put("selector", LabelSelector.fromJson(obj.path("spec").get("selector")).toString());
    } catch (IllegalArgumentException e) {
      status.put("selector", "");
    }
    return scale;
  }

  /** Applies a patch of any type to the Scale view, then writes the replicas back. */
  static ObjectNode patch(
      ObjectService objects,
      ResourceType type,
      String namespace,
      String name,
      String contentType,
      byte[] body,
      WriteOptions opts) {
    return update(
        objects,
        type,
        namespace,
        name,
        current -> ScalePatch.apply(type, current, contentType, body, name),
        opts);
  }

  /**
   * Replaces the Scale: {@code desired} receives the current Scale and returns the new one, whose
   * {@code metadata.resourceVersion}, when set, is a precondition.
   */
  static ObjectNode update(
      ObjectService objects,
      ResourceType type,
      String namespace,
      String name,
      UnaryOperator<ObjectNode> desired,
      WriteOptions opts) {
    if (opts.dryRun()) {
      ObjectNode current = of(type, objects.get(type, type.storageVersion(), namespace, name));
      return desired.apply(current);
    }
    ObjectNode stored =
        objects.update(
            type,
            namespace,
            name,
            null,
            obj -> {
              ObjectNode current = of(type, obj);
              ObjectNode scale = desired.apply(current.deepCopy());
              String rv = Json.at(scale, "metadata", "resourceVersion").asString("");
              String currentRv = Json.at(obj, "metadata", "resourceVersion").asString("");
              if (!rv.isEmpty() && !rv.equals(currentRv)) {
                throw ApiException.modified(type, name);
              }
              JsonNode replicas = Json.at(scale, "spec", "replicas");
              if (!replicas.isMissingNode() && !replicas.isIntegralNumber()) {
                throw ApiException.badRequest(
                    "Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be an"
                        + " integer");
              }
              int n = replicas.asInt(0);
              if (n < 0) {
                throw ApiException.invalid(
                    type,
                    name,
                    "Scale.autoscaling \""
                        + name
                        + "\" is invalid: spec.replicas: Invalid value: "
                        + n
                        + ": must be greater than or equal to 0",
                    List.of(
                        new ApiException.Cause(
                            "FieldValueInvalid",
                            "Invalid value: " + n + ": must be greater than or equal to 0",
                            "spec.replicas")));
              }
              Json.with(obj, "spec").put("replicas", n);
              return obj;
            },
            opts.fieldManager());
    return of(type, stored);
  }
}
