package dev.kc.controlplane.controller.scheduler;

import static dev.kc.controlplane.controller.scheduler.PodRequests.CPU;
import static dev.kc.controlplane.controller.scheduler.PodRequests.MEMORY;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.Json;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-scheduler's default score plugins with their default weights: TaintToleration (3),
 * NodeAffinity (2), PodTopologySpread with the system default constraints (2), InterPodAffinity
 * (2), NodeResourcesFit with LeastAllocated (1) and NodeResourcesBalancedAllocation (1). Each
 * plugin scores every feasible node 0–100 (normalized as the plugin does), and the weighted sum
 * decides.
 */
final class Scores {
  static final long MAX = 100;

  /** The system default spreading: by hostname with maxSkew 3, by zone with maxSkew 5. */
  private static final List<Spread> DEFAULT_SPREAD =
      List.of(new Spread(NodeInfo.HOSTNAME_LABEL, 3), new Spread("topology.kubernetes.io/zone", 5));

  private record Spread(String topologyKey, int maxSkew) {}

  private final ObjectNode pod;
  private final JsonNode spec;
  private final PodAffinity affinity;
  private final Predicate<Map<String, String>> spreadSelector;

  /**
   * @param spreadSelector the pods this one should spread away from (those of its owner and
   *     services), or {@code null} for no spreading
   */
  Scores(ObjectNode pod, PodAffinity affinity, Predicate<Map<String, String>> spreadSelector) {
    this.pod = pod;
    this.spec = pod.path("spec");
    this.affinity = affinity;
    this.spreadSelector = spreadSelector;
  }

  /** The total weighted score of each feasible node, in the order given. */
  Map<String, Long> score(List<NodeInfo> feasible, List<NodeInfo> all) {
    Map<String, Long> total = new LinkedHashMap<>();
    for (NodeInfo n : feasible) {
      total.put(n.name(), 0L);
    }
    List<Taints.Toleration> tolerations = Taints.tolerationsOf(spec);
    add(
        total,
        3,
        normalize(
            feasible, n -> Taints.intolerablePreferNoSchedule(n.taints(), tolerations), true));
    add(total, 2, normalize(feasible, n -> NodeSelectors.preferredWeight(spec, n), false));
    add(total, 2, spread(feasible, all));
    add(total, 2, interPodAffinity(feasible));
    add(total, 1, perNode(feasible, this::leastAllocated));
    add(total, 1, perNode(feasible, this::balancedAllocation));
    return total;
  }

  private static void add(Map<String, Long> total, long weight, Map<String, Long> scores) {
    for (Map.Entry<String, Long> e : scores.entrySet()) {
      total.merge(e.getKey(), weight * e.getValue(), Long::sum);
    }
  }

  private static Map<String, Long> perNode(List<NodeInfo> nodes, ToLongFunction<NodeInfo> f) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (NodeInfo n : nodes) {
      out.put(n.name(), f.applyAsLong(n));
    }
    return out;
  }

  /**
   * Kubernetes' default normalization: scale so the highest raw score becomes 100 (or, reversed,
   * 0); when every raw score is 0, all get 0 (reversed: 100).
   */
  static Map<String, Long> normalize(
      List<NodeInfo> nodes, ToLongFunction<NodeInfo> raw, boolean reverse) {
    Map<String, Long> scores = perNode(nodes, raw);
    long max = 0;
    for (long s : scores.values()) {
      max = Math.max(max, s);
    }
    for (Map.Entry<String, Long> e : scores.entrySet()) {
      long s = max == 0 ? 0 : MAX * e.getValue() / max;
      e.setValue(reverse ? MAX - s : s);
    }
    return scores;
  }

  /** LeastAllocated: the free share of cpu and memory after placing the pod, averaged. */
  private long leastAllocated(NodeInfo node) {
    Map<String, Long> want = PodRequests.nonZero(spec);
    long cpu = free(node.nonZeroRequested(CPU) + want.getOrDefault(CPU, 0L), node.allocatable(CPU));
    long mem =
        free(
            node.nonZeroRequested(MEMORY) + want.getOrDefault(MEMORY, 0L),
            node.allocatable(MEMORY));
    return (cpu + mem) / 2;
  }

  private static long free(long requested, long capacity) {
    if (capacity == 0 || requested > capacity) {
      return 0;
    }
    return (capacity - requested) * MAX / capacity;
  }

  /**
   * BalancedAllocation: prefers nodes whose cpu and memory would be used in equal shares; 100 minus
   * the standard deviation of the two shares (as a percentage).
   */
  private long balancedAllocation(NodeInfo node) {
    Map<String, Long> want = PodRequests.of(spec);
    double[] fractions = new double[2];
    int n = 0;
    for (String r : List.of(CPU, MEMORY)) {
      long alloc = node.allocatable(r);
      if (alloc == 0) {
        continue;
      }
      double f = (double) (node.requested(r) + want.getOrDefault(r, 0L)) / alloc;
      fractions[n++] = Math.min(f, 1.0);
    }
    double std = n == 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
    return (long) ((1 - std) * MAX);
  }

  /**
   * PodTopologySpread with the system default constraints: a node scores worse the more pods of the
   * same owner already run in its domains. Raw score per constraint is {@code count * log(domains +
   * 2) + maxSkew - 1}, rounded; normalized so the least crowded node gets 100.
   */
  private Map<String, Long> spread(List<NodeInfo> feasible, List<NodeInfo> all) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (spreadSelector == null) {
      for (NodeInfo n : feasible) {
        out.put(n.name(), 0L);
      }
      return out;
    }
    String namespace = Json.at(pod, "metadata", "namespace").asString("");
    Map<String, Integer> zoneCounts = new LinkedHashMap<>();
    for (NodeInfo n : all) {
      String zone = n.labels().get(DEFAULT_SPREAD.get(1).topologyKey());
      if (zone != null && NodeSelectors.matchesRequired(spec, n)) {
        zoneCounts.merge(zone, matching(n, namespace), Integer::sum);
      }
    }
    Set<String> zones = new HashSet<>();
    for (NodeInfo n : feasible) {
      String zone = n.labels().get(DEFAULT_SPREAD.get(1).topologyKey());
      if (zone != null) {
        zones.add(zone);
      }
    }
    double hostWeight = Math.log(feasible.size() + 2);
    double zoneWeight = Math.log(zones.size() + 2);
    for (NodeInfo n : feasible) {
      double score = matching(n, namespace) * hostWeight + DEFAULT_SPREAD.get(0).maxSkew() - 1;
      String zone = n.labels().get(DEFAULT_SPREAD.get(1).topologyKey());
      if (zone != null) {
        score +=
            zoneCounts.getOrDefault(zone, 0) * zoneWeight + DEFAULT_SPREAD.get(1).maxSkew() - 1;
      }
      out.put(n.name(), Math.round(score));
    }
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long s : out.values()) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    for (Map.Entry<String, Long> e : out.entrySet()) {
      e.setValue(max == 0 ? MAX : MAX * (max + min - e.getValue()) / max);
    }
    return out;
  }

  /** Pods on the node, not terminating, in the namespace, that the spread selector selects. */
  private int matching(NodeInfo node, String namespace) {
    int count = 0;
    for (ObjectNode p : node.pods()) {
      boolean terminating = !Json.at(p, "metadata", "deletionTimestamp").isMissingNode();
      boolean sameNamespace = Json.at(p, "metadata", "namespace").asString("").equals(namespace);
      if (!terminating && sameNamespace && spreadSelector.test(LabelSelector.labelsOf(p))) {
        count++;
      }
    }
    return count;
  }

  /** InterPodAffinity: raw preferred scores scaled linearly between the lowest and highest. */
  private Map<String, Long> interPodAffinity(List<NodeInfo> feasible) {
    Map<String, Long> out = perNode(feasible, affinity::preferredScore);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : out.values()) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    long diff = max - min;
    for (Map.Entry<String, Long> e : out.entrySet()) {
      e.setValue(diff > 0 ? (long) (MAX * ((double) (e.getValue() - min) / diff)) : 0);
    }
    return out;
  }
}
