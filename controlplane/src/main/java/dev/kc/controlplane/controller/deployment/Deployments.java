package dev.kc.controlplane.controller.deployment;

import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import java.util.Iterator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployment facts and condition bookkeeping, as Kubernetes' {@code deployment/util} keeps them.
 */
final class Deployments {
  static final long MAX_INT32 = Integer.MAX_VALUE;
  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String REPLICA_FAILURE = "ReplicaFailure";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String RESUMED = "DeploymentResumed";

  private Deployments() {}

  static boolean isRecreate(ObjectNode d) {
    return Json.at(d, "spec", "strategy", "type").asString("RollingUpdate").equals("Recreate");
  }

  static boolean isPaused(ObjectNode d) {
    return d.path("spec").path("paused").asBoolean(false);
  }

  static long generation(ObjectNode d) {
    return Json.at(d, "metadata", "generation").asLong(0);
  }

  static long minReadySeconds(ObjectNode d) {
    return d.path("spec").path("minReadySeconds").asLong(0);
  }

  /** progressDeadlineSeconds, or -1 when unset or MaxInt32 (no deadline). */
  static long progressDeadline(ObjectNode d) {
    JsonNode p = d.path("spec").path("progressDeadlineSeconds");
    return p.isNumber() && p.asLong() != MAX_INT32 ? p.asLong() : -1;
  }

  static boolean hasProgressDeadline(ObjectNode d) {
    return progressDeadline(d) >= 0;
  }

  /** The status's collisionCount, or null when unset. */
  static Long collisionCount(ObjectNode d) {
    JsonNode c = d.path("status").path("collisionCount");
    return c.isNumber() ? c.asLong() : null;
  }

  /**
   * Resolves an int-or-percent against {@code total} (§0.1): an integer as-is, {@code "N%"} as
   * {@code N * total / 100} rounded up or down.
   *
   * @throws IllegalArgumentException for a string that is not a percentage
   */
  static long scaled(JsonNode value, long total, boolean roundUp) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return 0;
    }
    if (value.isNumber()) {
      return value.asLong();
    }
    String s = value.asString("");
    if (!s.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: " + s);
    }
    long pct = Long.parseLong(s.substring(0, s.length() - 1));
    return roundUp ? -Math.floorDiv(-pct * total, 100) : Math.floorDiv(pct * total, 100);
  }

  /**
   * (surge, unavailable) resolved together (§0.2): if both round to 0, unavailable is 1. E.g. 3
   * replicas at 25%/25% gives (1, 0); 10 gives (3, 2).
   */
  static long[] fencePosts(ObjectNode d) {
    JsonNode ru = Json.at(d, "spec", "strategy", "rollingUpdate");
    long replicas = ReplicaSets.replicas(d);
    long surge = scaled(ru.get("maxSurge"), replicas, true);
    long unavailable = scaled(ru.get("maxUnavailable"), replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new long[] {surge, unavailable};
  }

  /** 0 for Recreate; else the resolved surge. */
  static long maxSurge(ObjectNode d) {
    return isRecreate(d) ? 0 : fencePosts(d)[0];
  }

  /** 0 for Recreate or zero replicas; else the resolved unavailable, clamped to replicas. */
  static long maxUnavailable(ObjectNode d) {
    long replicas = ReplicaSets.replicas(d);
    if (isRecreate(d) || replicas == 0) {
      return 0;
    }
    return Math.min(fencePosts(d)[1], replicas);
  }

  // ---- conditions ---------------------------------------------------------------------------

  /** The condition of {@code type} in {@code status}, or null. */
  static ObjectNode condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asString("").equals(type) && c instanceof ObjectNode o) {
        return o;
      }
    }
    return null;
  }

  /** A condition with both times set to {@code now}. */
  static ObjectNode newCondition(
      String type, String status, String reason, String message, Instant now) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastUpdateTime", Json.timestamp(now));
    c.put("lastTransitionTime", Json.timestamp(now));
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /**
   * Sets {@code condition} in {@code status} (Kubernetes' SetDeploymentCondition): a no-op when a
   * condition with the same status and reason exists; keeps lastTransitionTime when only the reason
   * changes; the condition goes to the end of the list.
   */
  static void setCondition(ObjectNode status, ObjectNode condition) {
    String type = condition.path("type").asString("");
    ObjectNode current = condition(status, type);
    String st = condition.path("status").asString("");
    if (current != null
        && current.path("status").asString("").equals(st)
        && current.path("reason").asString("").equals(condition.path("reason").asString(""))) {
      return;
    }
    if (current != null && current.path("status").asString("").equals(st)) {
      condition.set("lastTransitionTime", current.get("lastTransitionTime"));
    }
    removeCondition(status, type);
    conditions(status).add(condition);
  }

  static void removeCondition(ObjectNode status, String type) {
    JsonNode conds = status.get("conditions");
    if (!(conds instanceof ArrayNode a)) {
      return;
    }
    Iterator<JsonNode> it = a.iterator();
    while (it.hasNext()) {
      if (it.next().path("type").asString("").equals(type)) {
        it.remove();
      }
    }
    if (a.isEmpty()) {
      status.remove("conditions");
    }
  }

  private static ArrayNode conditions(ObjectNode status) {
    JsonNode conds = status.get("conditions");
    return conds instanceof ArrayNode a ? a : status.putArray("conditions");
  }

  // ---- rollout predicates (computed on a candidate status) -----------------------------------

  /** All replicas updated and available, none old, and the generation observed. */
  static boolean isComplete(ObjectNode d, JsonNode status) {
    long replicas = ReplicaSets.replicas(d);
    return status.path("updatedReplicas").asLong(0) == replicas
        && status.path("replicas").asLong(0) == replicas
        && status.path("availableReplicas").asLong(0) == replicas
        && status.path("observedGeneration").asLong(0) >= generation(d);
  }

  /** Progress since the Deployment's current status: more updated/ready/available, fewer old. */
  static boolean isProgressing(ObjectNode d, JsonNode next) {
    JsonNode old = d.path("status");
    long oldOld = old.path("replicas").asLong(0) - old.path("updatedReplicas").asLong(0);
    long newOld = next.path("replicas").asLong(0) - next.path("updatedReplicas").asLong(0);
    return next.path("updatedReplicas").asLong(0) > old.path("updatedReplicas").asLong(0)
        || newOld < oldOld
        || next.path("readyReplicas").asLong(0) > old.path("readyReplicas").asLong(0)
        || next.path("availableReplicas").asLong(0) > old.path("availableReplicas").asLong(0);
  }

  /**
   * Whether the rollout has exceeded its deadline: the Progressing condition (in {@code next})
   * exists, is not complete, and either already says so or was last updated more than the deadline
   * ago.
   */
  static boolean isTimedOut(ObjectNode d, JsonNode next, Instant now) {
    long deadline = progressDeadline(d);
    ObjectNode c = condition(next, PROGRESSING);
    if (deadline < 0 || c == null) {
      return false;
    }
    String reason = c.path("reason").asString("");
    if (reason.equals(NEW_RS_AVAILABLE)) {
      return false;
    }
    if (reason.equals(TIMED_OUT)) {
      return true;
    }
    Instant from = Json.parseTime(c.get("lastUpdateTime"));
    return from != null && from.plusSeconds(deadline).isBefore(now);
  }
}
