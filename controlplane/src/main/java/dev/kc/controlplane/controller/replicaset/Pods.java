package dev.kc.controlplane.controller.replicaset;

import dev.kc.controlplane.objects.Json;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pod facts the workload controllers share. */
final class Pods {
  private Pods() {}

  /** Not finished (Succeeded/Failed) and not being deleted: what controllers count. */
  static boolean isActive(ObjectNode pod) {
    String phase = phase(pod);
    return !phase.equals("Succeeded")
        && !phase.equals("Failed")
        && Json.at(pod, "metadata", "deletionTimestamp").isMissingNode();
  }

  static String phase(ObjectNode pod) {
    return Json.at(pod, "status", "phase").asString("");
  }

  /** Condition {@code Ready} is {@code True}. */
  static boolean isReady(ObjectNode pod) {
    return readyCondition(pod).path("status").asString("").equals("True");
  }

  /** When the pod became ready, or {@code null} when it is not ready or the time is unknown. */
  static Instant readySince(ObjectNode pod) {
    if (!isReady(pod)) {
      return null;
    }
    return Json.parseTime(readyCondition(pod).get("lastTransitionTime"));
  }

  /**
   * Ready, and ready for longer than {@code minReadySeconds} (strictly): Kubernetes' {@code
   * IsPodAvailable}.
   */
  static boolean isAvailable(ObjectNode pod, long minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = readySince(pod);
    return since != null && since.plus(Duration.ofSeconds(minReadySeconds)).isBefore(now);
  }

  private static JsonNode readyCondition(ObjectNode pod) {
    for (JsonNode c : Json.at(pod, "status", "conditions")) {
      if (c.path("type").asString("").equals("Ready")) {
        return c;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  /** The owner reference with {@code controller: true}, or {@code null}. */
  static JsonNode controllerRef(ObjectNode obj) {
    for (JsonNode ref : Json.at(obj, "metadata", "ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  static String uid(ObjectNode obj) {
    return Json.at(obj, "metadata", "uid").asString("");
  }

  static String name(ObjectNode obj) {
    return Json.at(obj, "metadata", "name").asString("");
  }

  static String namespace(ObjectNode obj) {
    return Json.at(obj, "metadata", "namespace").asString("");
  }

  static boolean isDeleting(ObjectNode obj) {
    return !Json.at(obj, "metadata", "deletionTimestamp").isMissingNode();
  }

  static String nodeName(ObjectNode pod) {
    return Json.at(pod, "spec", "nodeName").asString("");
  }
}
