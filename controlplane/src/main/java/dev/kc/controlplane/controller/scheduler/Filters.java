package dev.kc.controlplane.controller.scheduler;

import static dev.kc.controlplane.controller.scheduler.PodRequests.CPU;
import static dev.kc.controlplane.controller.scheduler.PodRequests.EPHEMERAL_STORAGE;
import static dev.kc.controlplane.controller.scheduler.PodRequests.MEMORY;
import static dev.kc.controlplane.controller.scheduler.PodRequests.PODS;

import dev.kc.controlplane.controller.scheduler.NodeInfo.HostPort;
import dev.kc.controlplane.controller.scheduler.Taints.Taint;
import dev.kc.controlplane.controller.scheduler.Taints.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-scheduler's filter plugins, in its default order (NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodePorts, NodeResourcesFit, InterPodAffinity). A node is rejected by the first
 * plugin that fails, and the rejection's reasons are worded as Kubernetes 1.32 words them, since
 * they end up verbatim in the pod's condition and the FailedScheduling event.
 */
final class Filters {
  static final String REASON_UNSCHEDULABLE = "node(s) were unschedulable";
  static final String REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  static final String REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
  static final String REASON_TOO_MANY_PODS = "Too many pods";
  static final String REASON_POD_AFFINITY = "node(s) didn't match pod affinity rules";
  static final String REASON_POD_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
  static final String REASON_EXISTING_ANTI_AFFINITY =
      "node(s) didn't satisfy existing pods anti-affinity rules";

  /** The plugins that can reject a node; also what decides which cluster events retry a pod. */
  enum Plugin {
    NODE_UNSCHEDULABLE,
    TAINT_TOLERATION,
    NODE_AFFINITY,
    NODE_PORTS,
    NODE_RESOURCES_FIT,
    INTER_POD_AFFINITY
  }

  /**
   * Why one node cannot take the pod.
   *
   * @param reasons one or more messages (NodeResourcesFit reports every missing resource)
   * @param unresolvable whether evicting pods could never help (preemption is pointless)
   */
  record Rejection(Plugin plugin, List<String> reasons, boolean unresolvable) {
    static Rejection of(Plugin plugin, String reason, boolean unresolvable) {
      return new Rejection(plugin, List.of(reason), unresolvable);
    }
  }

  private final JsonNode spec;
  private final List<Toleration> tolerations;
  private final Map<String, Long> requests;
  private final List<HostPort> ports;
  private final PodAffinity affinity;

  Filters(ObjectNode pod, PodAffinity affinity) {
    this.spec = pod.path("spec");
    this.tolerations = Taints.tolerationsOf(spec);
    this.requests = PodRequests.of(spec);
    this.ports = HostPort.of(spec);
    this.affinity = affinity;
  }

  // TODO: the pod's own topologySpreadConstraints are ignored (no PodTopologySpread filter; only
  // the system default spreading scores). Pods relying on DoNotSchedule spreading may be packed.
  // TODO: volume filters (VolumeBinding, VolumeZone, volume limits) are not implemented; a pod
  // with an unbound PVC is scheduled anyway.

  /** Runs the filters on one node; returns the first rejection, or {@code null} if it fits. */
  Rejection check(NodeInfo node) {
    Rejection r = nodeUnschedulable(node);
    if (r == null) {
      r = taintToleration(node);
    }
    if (r == null && !NodeSelectors.matchesRequired(spec, node)) {
      r = Rejection.of(Plugin.NODE_AFFINITY, REASON_NODE_AFFINITY, true);
    }
    if (r == null) {
      r = nodePorts(node);
    }
    if (r == null) {
      r = resourcesFit(node);
    }
    if (r == null) {
      r = interPodAffinity(node);
    }
    return r;
  }

  private Rejection nodeUnschedulable(NodeInfo node) {
    Taint cordon = new Taint(Taints.UNSCHEDULABLE, "", Taints.NO_SCHEDULE);
    if (node.unschedulable() && !Taints.isTolerated(cordon, tolerations)) {
      return Rejection.of(Plugin.NODE_UNSCHEDULABLE, REASON_UNSCHEDULABLE, true);
    }
    return null;
  }

  private Rejection taintToleration(NodeInfo node) {
    Taint t = Taints.firstUntolerated(node.taints(), tolerations);
    if (t == null) {
      return null;
    }
    return Rejection.of(
        Plugin.TAINT_TOLERATION, "node(s) had untolerated taint " + t.describe(), true);
  }

  private Rejection nodePorts(NodeInfo node) {
    for (HostPort wanted : ports) {
      for (HostPort used : node.usedPorts()) {
        if (wanted.conflictsWith(used)) {
          return Rejection.of(Plugin.NODE_PORTS, REASON_PORTS, false);
        }
      }
    }
    return null;
  }

  /**
   * NodeResourcesFit: the pod count, then cpu, memory, ephemeral storage and extended resources,
   * each against allocatable minus what the node's pods already request. Every shortfall is a
   * reason of its own ({@code Insufficient cpu}). Kubernetes 1.32 always treats these as resolvable
   * by preemption, even when the node is too small outright.
   */
  private Rejection resourcesFit(NodeInfo node) {
    List<String> reasons = new ArrayList<>();
    if (node.pods().size() + 1 > node.allocatable(PODS)) {
      reasons.add(REASON_TOO_MANY_PODS);
    }
    for (String resource : List.of(CPU, MEMORY, EPHEMERAL_STORAGE)) {
      checkResource(node, resource, reasons);
    }
    for (String resource : requests.keySet()) {
      if (isScalar(resource)) {
        checkResource(node, resource, reasons);
      }
    }
    return reasons.isEmpty() ? null : new Rejection(Plugin.NODE_RESOURCES_FIT, reasons, false);
  }

  private void checkResource(NodeInfo node, String resource, List<String> reasons) {
    long want = requests.getOrDefault(resource, 0L);
    if (want > 0 && want > node.allocatable(resource) - node.requested(resource)) {
      reasons.add("Insufficient " + resource);
    }
  }

  /** Extended resources ({@code nvidia.com/gpu}) and huge pages, which Kubernetes also fits. */
  private static boolean isScalar(String resource) {
    return resource.contains("/") || resource.startsWith("hugepages-");
  }

  private Rejection interPodAffinity(NodeInfo node) {
    if (!affinity.satisfiesAffinity(node)) {
      return Rejection.of(Plugin.INTER_POD_AFFINITY, REASON_POD_AFFINITY, true);
    }
    if (!affinity.satisfiesAntiAffinity(node)) {
      return Rejection.of(Plugin.INTER_POD_AFFINITY, REASON_POD_ANTI_AFFINITY, false);
    }
    if (!affinity.satisfiesExistingAntiAffinity(node)) {
      return Rejection.of(Plugin.INTER_POD_AFFINITY, REASON_EXISTING_ANTI_AFFINITY, false);
    }
    return null;
  }
}
