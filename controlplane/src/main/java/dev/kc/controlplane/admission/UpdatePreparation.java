package dev.kc.controlplane.admission;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Kubernetes' registry strategies carry over from the stored object on an update of the main
 * resource ({@code PrepareForUpdate} and the Service REST's {@code patchAllocatedValues}).
 */
final class UpdatePreparation {

  /** Kinds whose status may only change through {@code /status}. */
  private static final Set<String> STATUS_KINDS =
      Set.of(
          "Pod",
          "Service",
          "Namespace",
          "Node",
          "PersistentVolumeClaim",
          "PersistentVolume",
          "Deployment",
          "ReplicaSet",
          "StatefulSet",
          "DaemonSet",
          "HorizontalPodAutoscaler");

  private UpdatePreparation() {}

  static void prepare(String kind, ObjectNode obj, ObjectNode old) {
    if (STATUS_KINDS.contains(kind)) {
      copy(obj, old, "status");
    }
    if (kind.equals("Namespace")) {
      ObjectNode spec = Json.objOrCreate(obj, "spec");
      JsonNode oldFinalizers =
          Json.obj(old, "spec") == null ? null : old.get("spec").get("finalizers");
      if (oldFinalizers == null) {
        spec.remove("finalizers");
      } else {
        spec.set("finalizers", oldFinalizers.deepCopy());
      }
    }
    if (kind.equals("Service")) {
      serviceAllocations(Json.obj(obj, "spec"), Json.obj(old, "spec"));
    }
  }

  private static void copy(ObjectNode obj, ObjectNode old, String field) {
    JsonNode before = old.get(field);
    if (before == null) {
      obj.remove(field);
    } else {
      obj.set(field, before.deepCopy());
    }
  }

  /** A Service update that leaves out allocated values keeps the stored ones. */
  private static void serviceAllocations(ObjectNode spec, ObjectNode oldSpec) {
    if (spec == null || oldSpec == null) {
      return;
    }
    boolean externalName =
        Json.str(spec, "type").equals("ExternalName")
            || Json.str(oldSpec, "type").equals("ExternalName");
    if (!externalName) {
      for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (!Json.has(spec, f) && Json.has(oldSpec, f)) {
          spec.set(f, oldSpec.get(f).deepCopy());
        }
      }
    }
    if (Json.num(spec, "healthCheckNodePort", 0) == 0
        && Json.num(oldSpec, "healthCheckNodePort", 0) != 0
        && Json.str(spec, "externalTrafficPolicy").equals("Local")) {
      spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort").deepCopy());
    }
    String type = Json.str(spec, "type");
    if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
      return;
    }
    for (ObjectNode port : Json.objects(spec, "ports")) {
      if (Json.num(port, "nodePort", 0) != 0) {
        continue;
      }
      for (ObjectNode before : Json.objects(oldSpec, "ports")) {
        boolean same =
            Json.str(before, "name").equals(Json.str(port, "name"))
                && Json.num(before, "port", 0) == Json.num(port, "port", 0)
                && Json.str(before, "protocol").equals(Json.str(port, "protocol"));
        if (same && Json.num(before, "nodePort", 0) != 0) {
          port.put("nodePort", Json.num(before, "nodePort", 0));
          break;
        }
      }
    }
  }
}
