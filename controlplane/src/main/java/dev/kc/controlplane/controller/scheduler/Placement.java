package dev.kc.controlplane.controller.scheduler;

import dev.kc.controlplane.controller.scheduler.Filters.Plugin;
import dev.kc.controlplane.controller.scheduler.Filters.Rejection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scheduling decision: filter every node, score the feasible ones, pick the best (ties go to
 * the node whose name sorts first), or explain, in Kubernetes' words, why no node fits.
 */
final class Placement {
  /** kube-scheduler's error when the cluster has no nodes at all. */
  static final String NO_NODES = "no nodes available to schedule pods";

  static final String PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling";
  static final String NO_VICTIMS = "No preemption victims found for incoming pod";

  private Placement() {}

  /**
   * The outcome: the chosen node, or the failure message and the plugins that rejected nodes.
   *
   * @param node the node to bind to, or {@code null} when unschedulable
   * @param message why not, as the pod condition and FailedScheduling event state it
   * @param rejectedBy which plugins rejected some node; decides which changes retry the pod
   */
  record Decision(String node, String message, Set<Plugin> rejectedBy) {
    static Decision bind(String node) {
      return new Decision(node, null, Set.of());
    }

    boolean schedulable() {
      return node != null;
    }
  }

  /**
   * Decides where {@code pod} goes among {@code nodes}. Pure: reads only its arguments.
   *
   * @param namespaceLabels the labels of a namespace, for affinity namespace selectors
   * @param spreadSelector the pods to spread away from (same owner and services), or null
   */
  static Decision decide(
      ObjectNode pod,
      List<NodeInfo> nodes,
      Function<String, Map<String, String>> namespaceLabels,
      Predicate<Map<String, String>> spreadSelector) {
    if (nodes.isEmpty()) {
      return new Decision(null, NO_NODES, Set.of());
    }
    PodAffinity affinity = PodAffinity.compute(pod, nodes, namespaceLabels);
    Filters filters = new Filters(pod, affinity);
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Rejection> rejections = new TreeMap<>();
    for (NodeInfo node : nodes) {
      Rejection r = filters.check(node);
      if (r == null) {
        feasible.add(node);
      } else {
        rejections.put(node.name(), r);
      }
    }
    if (feasible.isEmpty()) {
      Set<Plugin> plugins = EnumSet.noneOf(Plugin.class);
      for (Rejection r : rejections.values()) {
        plugins.add(r.plugin());
      }
      return new Decision(
          null, fitError(nodes.size(), rejections.values(), pod.path("spec")), plugins);
    }
    Map<String, Long> scores = new Scores(pod, affinity, spreadSelector).score(feasible, nodes);
    String best =
        scores.entrySet().stream()
            .min(
                Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                    .thenComparing(Map.Entry::getKey))
            .orElseThrow()
            .getKey();
    return Decision.bind(best);
  }

  /**
   * kube-scheduler's FitError text followed by the preemption plugin's verdict, e.g. {@code 0/4
   * nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
   * 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for
   * scheduling, 3 No preemption victims found for incoming pod.} Reasons are counted per node,
   * formatted as {@code "<count> <reason>"} and sorted as strings, as Kubernetes does.
   */
  static String fitError(int numNodes, Collection<Rejection> rejections, JsonNode podSpec) {
    Map<String, Integer> reasons = new TreeMap<>();
    Map<String, Integer> preemption = new TreeMap<>();
    for (Rejection r : rejections) {
      for (String reason : r.reasons()) {
        reasons.merge(reason, 1, Integer::sum);
      }
      preemption.merge(r.unresolvable() ? PREEMPTION_NOT_HELPFUL : NO_VICTIMS, 1, Integer::sum);
    }
    String msg = nodesAvailable(numNodes, reasons);
    if ("Never".equals(podSpec.path("preemptionPolicy").asString(""))) {
      return msg + " preemption: not eligible due to preemptionPolicy=Never.";
    }
    // TODO: preemption is not implemented: a pod outranking pods on a node (spec.priority) is
    // reported as having no victims instead of evicting them.
    return msg + " preemption: " + nodesAvailable(numNodes, preemption);
  }

  private static String nodesAvailable(int numNodes, Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      parts.add(e.getValue() + " " + e.getKey());
    }
    parts.sort(null);
    return "0/" + numNodes + " nodes are available: " + String.join(", ", parts) + ".";
  }
}
