package dev.kc.controlplane.controller.replicaset;

import dev.kc.controlplane.objects.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Orders a ReplicaSet's pods for scale-down so that the cheapest to lose comes first, by
 * Kubernetes' rules (its {@code ActivePodsWithRanks}), each consulted only when the earlier ones
 * tie:
 *
 * <ol>
 *   <li>not yet scheduled before scheduled;
 *   <li>phase Pending before Unknown before Running;
 *   <li>not ready before ready;
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first (default 0);
 *   <li>more pods of the same owner family on its node first ("doubled up");
 *   <li>both ready: ready more recently first, compared in log2 buckets of the time since;
 *   <li>more container restarts first (app containers, then sidecars);
 *   <li>created more recently first, again in log2 buckets;
 *   <li>within equal buckets, by uid (pseudo-random but stable).
 * </ol>
 */
final class PodRanking {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private final Map<String, Integer> podsOnNode;
  private final Instant now;

  /**
   * @param podsOnNode active pods of the owner family per node name (the "doubled up" rank)
   * @param now the time buckets are measured from
   */
  PodRanking(Map<String, Integer> podsOnNode, Instant now) {
    this.podsOnNode = podsOnNode;
    this.now = now;
  }

  /** A comparator for {@link java.util.List#sort}: negative when {@code a} goes first. */
  int compare(ObjectNode a, ObjectNode b) {
    if (less(a, b)) {
      return -1;
    }
    return less(b, a) ? 1 : 0;
  }

  /** Whether {@code a} should be deleted before {@code b}. */
  boolean less(ObjectNode a, ObjectNode b) {
    String na = Pods.nodeName(a);
    String nb = Pods.nodeName(b);
    if (!na.equals(nb) && (na.isEmpty() || nb.isEmpty())) {
      return na.isEmpty();
    }
    int pa = phaseOrdinal(a);
    int pb = phaseOrdinal(b);
    if (pa != pb) {
      return pa < pb;
    }
    boolean ra = Pods.isReady(a);
    boolean rb = Pods.isReady(b);
    if (ra != rb) {
      return !ra;
    }
    int ca = deletionCost(a);
    int cb = deletionCost(b);
    if (ca != cb) {
      return ca < cb;
    }
    int ka = podsOnNode.getOrDefault(na, 0);
    int kb = podsOnNode.getOrDefault(nb, 0);
    if (ka != kb) {
      return ka > kb;
    }
    if (ra && rb) {
      Instant ta = Pods.readySince(a);
      Instant tb = Pods.readySince(b);
      if (!java.util.Objects.equals(ta, tb)) {
        return newerFirst(ta, tb, a, b);
      }
    }
    int[] xa = restarts(a);
    int[] xb = restarts(b);
    if (xa[0] != xb[0]) {
      return xa[0] > xb[0];
    }
    if (xa[1] != xb[1]) {
      return xa[1] > xb[1];
    }
    Instant ca2 = Json.parseTime(Json.at(a, "metadata", "creationTimestamp"));
    Instant cb2 = Json.parseTime(Json.at(b, "metadata", "creationTimestamp"));
    if (!java.util.Objects.equals(ca2, cb2)) {
      return newerFirst(ca2, cb2, a, b);
    }
    return false;
  }

  /**
   * Whether {@code ta} counts as more recent than {@code tb}: compared by the log2 of the time
   * since each, so pods of similar age tie and fall back to their uids. A missing time sorts first.
   */
  private boolean newerFirst(Instant ta, Instant tb, ObjectNode a, ObjectNode b) {
    if (ta == null || tb == null) {
      return ta == null;
    }
    long diff = logBucket(ta) - logBucket(tb);
    if (diff == 0) {
      return Pods.uid(a).compareTo(Pods.uid(b)) < 0;
    }
    return diff < 0;
  }

  /** {@code floor(log2(nanoseconds since t))}, or -1 for a time not in the past. */
  private long logBucket(Instant t) {
    long nanos;
    try {
      nanos = Duration.between(t, now).toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE;
    }
    return nanos > 0 ? (long) (Math.log(nanos) / Math.log(2)) : -1;
  }

  private static int phaseOrdinal(ObjectNode pod) {
    return switch (Pods.phase(pod)) {
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0;
    };
  }

  /** The pod's deletion cost annotation as an int32; 0 when absent or malformed. */
  static int deletionCost(ObjectNode pod) {
    String v = Json.at(pod, "metadata", "annotations").path(DELETION_COST).asString("");
    try {
      return v.isEmpty() ? 0 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The highest restart count of app containers, and of sidecars (restartable init ones). */
  private static int[] restarts(ObjectNode pod) {
    int regular = 0;
    for (JsonNode s : Json.at(pod, "status", "containerStatuses")) {
      regular = Math.max(regular, s.path("restartCount").asInt(0));
    }
    Set<String> sidecars = new HashSet<>();
    for (JsonNode c : Json.at(pod, "spec", "initContainers")) {
      if (c.path("restartPolicy").asString("").equals("Always")) {
        sidecars.add(c.path("name").asString(""));
      }
    }
    int sidecar = 0;
    for (JsonNode s : Json.at(pod, "status", "initContainerStatuses")) {
      if (sidecars.contains(s.path("name").asString(""))) {
        sidecar = Math.max(sidecar, s.path("restartCount").asInt(0));
      }
    }
    return new int[] {regular, sidecar};
  }
}
