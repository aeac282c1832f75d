package dev.kc.controlplane.objects;

import dev.kc.controlplane.registry.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

// TODO: v2-only fields (non-cpu metrics, behavior) are dropped when an HPA is read or written
// through autoscaling/v1; Kubernetes keeps them in annotations. Writing v1 therefore resets them.

/**
 * Converts objects between a type's served versions and its storage version. Only
 * HorizontalPodAutoscaler is served in more than one version (autoscaling/v2, stored, and v1).
 */
final class Conversion {
  private Conversion() {}

  /** Converts {@code obj}, written in {@code version}, to the storage version (in place or new). */
  static ObjectNode toStorage(ResourceType type, String version, ObjectNode obj) {
    if (version.equals(type.storageVersion())) {
      return obj;
    }
    if (type.kind().equals("HorizontalPodAutoscaler") && version.equals("v1")) {
      return hpaV1ToV2(obj);
    }
    return obj;
  }

  /** Converts a stored object to {@code version}; returns the same node when no change. */
  static ObjectNode fromStorage(ResourceType type, String version, ObjectNode stored) {
    if (version.equals(type.storageVersion())) {
      return stored;
    }
    if (type.kind().equals("HorizontalPodAutoscaler") && version.equals("v1")) {
      return hpaV2ToV1(stored);
    }
    return stored;
  }

  private static ObjectNode hpaV1ToV2(ObjectNode v1) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("apiVersion", "autoscaling/v2");
    JsonNode spec = v1.get("spec");
    if (spec instanceof ObjectNode s) {
      ObjectNode ns = (ObjectNode) v2.get("spec");
      ns.remove("targetCPUUtilizationPercentage");
      JsonNode target = s.get("targetCPUUtilizationPercentage");
      if (target != null && target.isNumber()) {
        ArrayNode metrics = ns.putArray("metrics");
        ObjectNode m = metrics.addObject();
        m.put("type", "Resource");
        ObjectNode r = m.putObject("resource");
        r.put("name", "cpu");
        ObjectNode t = r.putObject("target");
        t.put("type", "Utilization");
        t.put("averageUtilization", target.asInt());
      }
    }
    JsonNode status = v1.get("status");
    if (status instanceof ObjectNode st) {
      ObjectNode ns = (ObjectNode) v2.get("status");
      JsonNode cur = st.get("currentCPUUtilizationPercentage");
      ns.remove("currentCPUUtilizationPercentage");
      if (cur != null && cur.isNumber()) {
        ObjectNode m = ns.putArray("currentMetrics").addObject();
        m.put("type", "Resource");
        ObjectNode r = m.putObject("resource");
        r.put("name", "cpu");
        r.putObject("current").put("averageUtilization", cur.asInt());
      }
    }
    return v2;
  }

  private static ObjectNode hpaV2ToV1(ObjectNode v2) {
    ObjectNode v1 = v2.deepCopy();
    v1.put("apiVersion", "autoscaling/v1");
    JsonNode spec = v2.get("spec");
    if (spec instanceof ObjectNode s) {
      ObjectNode ns = (ObjectNode) v1.get("spec");
      ns.remove("metrics");
      ns.remove("behavior");
      for (JsonNode m : s.path("metrics")) {
        JsonNode target = m.path("resource").path("target");
        if (m.path("type").asString("").equals("Resource")
            && m.path("resource").path("name").asString("").equals("cpu")
            && target.path("type").asString("").equals("Utilization")) {
          ns.put("targetCPUUtilizationPercentage", target.path("averageUtilization").asInt());
        }
      }
    }
    JsonNode status = v2.get("status");
    if (status instanceof ObjectNode st) {
      ObjectNode ns = (ObjectNode) v1.get("status");
      ns.remove("currentMetrics");
      ns.remove("conditions");
      for (JsonNode m : st.path("currentMetrics")) {
        if (m.path("type").asString("").equals("Resource")
            && m.path("resource").path("name").asString("").equals("cpu")) {
          JsonNode u = m.path("resource").path("current").path("averageUtilization");
          if (u.isNumber()) {
            ns.put("currentCPUUtilizationPercentage", u.asInt());
          }
        }
      }
    }
    return v1;
  }
}
