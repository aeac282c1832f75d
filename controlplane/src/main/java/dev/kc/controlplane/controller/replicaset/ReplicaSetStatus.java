package dev.kc.controlplane.controller.replicaset;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status a ReplicaSet reports, computed from the pods it owns (Kubernetes' calculateStatus).
 */
final class ReplicaSetStatus {
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetStatus() {}

  /**
   * The new status: counts of the owned active pods ({@code replicas}), those carrying every
   * template label ({@code fullyLabeledReplicas}), ready ones and available ones (ready longer than
   * {@code minReadySeconds}); a {@code ReplicaFailure} condition is added when this sync failed to
   * create ({@code FailedCreate}) or delete ({@code FailedDelete}) pods and none is present, and
   * removed after a sync without failure. {@code observedGeneration} is left as it was; the writer
   * sets it.
   *
   * @param pods the owned active pods as seen at the start of the sync
   * @param manageError the failure of this sync's creations or deletions, or null
   */
  static ObjectNode calculate(
      ObjectNode rs, List<ObjectNode> pods, Exception manageError, Instant now) {
    JsonNode old = rs.path("status");
    ObjectNode status = old.isObject() ? ((ObjectNode) old).deepCopy() : Json.object();
    Map<String, String> templateLabels = LabelSelector.labelsOf(rs.path("spec").path("template"));
    long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (ObjectNode pod : pods) {
      if (LabelSelector.labelsOf(pod).entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (Pods.isReady(pod)) {
        ready++;
        if (Pods.isAvailable(pod, minReady, now)) {
          available++;
        }
      }
    }
    updateFailureCondition(status, rs, pods.size(), manageError, now);
    status.put("replicas", pods.size());
    putCount(status, "fullyLabeledReplicas", fullyLabeled);
    putCount(status, "readyReplicas", ready);
    putCount(status, "availableReplicas", available);
    return status;
  }

  private static void updateFailureCondition(
      ObjectNode status, ObjectNode rs, int owned, Exception manageError, Instant now) {
    JsonNode conds = status.get("conditions");
    ArrayNode conditions = conds instanceof ArrayNode a ? a : Json.NODES.arrayNode();
    boolean present = false;
    for (JsonNode c : conditions) {
      present |= c.path("type").asString("").equals(REPLICA_FAILURE);
    }
    if (manageError != null && !present) {
      long diff = owned - ReplicaSetController.specReplicas(rs);
      ObjectNode c = conditions.addObject();
      c.put("type", REPLICA_FAILURE);
      c.put("status", "True");
      c.put("lastTransitionTime", Json.timestamp(now));
      c.put("reason", diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "");
      c.put("message", String.valueOf(manageError.getMessage()));
    } else if (manageError == null && present) {
      Iterator<JsonNode> it = conditions.iterator();
      while (it.hasNext()) {
        if (it.next().path("type").asString("").equals(REPLICA_FAILURE)) {
          it.remove();
        }
      }
    }
    if (conditions.isEmpty()) {
      status.remove("conditions");
    } else {
      status.set("conditions", conditions);
    }
  }

  /** Kubernetes omits these counts when zero ({@code omitempty}). */
  private static void putCount(ObjectNode status, String field, long value) {
    if (value == 0) {
      status.remove(field);
    } else {
      status.put(field, value);
    }
  }

  /** Whether writing {@code status} would change nothing the controller owns. */
  static boolean unchanged(ObjectNode rs, ObjectNode status) {
    JsonNode old = rs.path("status");
    for (String f :
        List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas")) {
      if (old.path(f).asLong(0) != status.path(f).asLong(0)) {
        return false;
      }
    }
    return Json.at(rs, "metadata", "generation").asLong(0)
            == old.path("observedGeneration").asLong(0)
        && old.path("conditions").equals(status.path("conditions"));
  }
}
