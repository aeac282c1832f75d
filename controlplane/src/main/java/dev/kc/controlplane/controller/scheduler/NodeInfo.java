package dev.kc.controlplane.controller.scheduler;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.controller.scheduler.Taints.Taint;
import dev.kc.controlplane.objects.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node as the scheduler sees it during one scheduling attempt: its labels, taints and
 * allocatable resources, and the non-terminal pods assigned to it with what they request and the
 * host ports they hold. Built fresh from the informer caches for every attempt; never shared
 * between threads.
 */
final class NodeInfo {
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private final ObjectNode node;
  private final String name;
  private final Map<String, String> labels;
  private final List<Taint> taints;
  private final boolean unschedulable;
  private final Map<String, Long> allocatable;
  private final List<ObjectNode> pods = new ArrayList<>();
  private final Map<String, Long> requested = new TreeMap<>();
  private final Map<String, Long> nonZeroRequested = new TreeMap<>();
  private final List<HostPort> usedPorts = new ArrayList<>();

  /** A host port held by a pod; an empty or {@code 0.0.0.0} address means every address. */
  record HostPort(String ip, String protocol, long port) {
    static final String ANY = "0.0.0.0";

    /**
     * Whether two pods could not both hold these ports: same protocol and port, and addresses that
     * overlap (equal, or one of them binds every address).
     */
    boolean conflictsWith(HostPort other) {
      return port == other.port
          && protocol.equals(other.protocol)
          && (ip.equals(ANY) || other.ip.equals(ANY) || ip.equals(other.ip));
    }

    /** The host ports a pod's containers ask for. */
    static List<HostPort> of(JsonNode podSpec) {
      List<HostPort> out = new ArrayList<>();
      for (JsonNode c : podSpec.path("containers")) {
        for (JsonNode p : c.path("ports")) {
          long port = p.path("hostPort").asLong(0);
          if (port > 0) {
            String ip = p.path("hostIP").asString("");
            String protocol = p.path("protocol").asString("");
            out.add(
                new HostPort(ip.isEmpty() ? ANY : ip, protocol.isEmpty() ? "TCP" : protocol, port));
          }
        }
      }
      return out;
    }
  }

  private NodeInfo(ObjectNode node) {
    this.node = node;
    this.name = Json.at(node, "metadata", "name").asString("");
    Map<String, String> l = new HashMap<>(LabelSelector.labelsOf(node));
    // The kubelet always sets the hostname label; nodes created by hand may lack it, and
    // hostname-scoped affinity and spreading would then silently stop working.
    l.putIfAbsent(HOSTNAME_LABEL, name);
    this.labels = Map.copyOf(l);
    this.taints = effectiveTaints(node);
    this.unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
    JsonNode alloc = node.path("status").path("allocatable");
    if (alloc.isMissingNode() || alloc.isEmpty()) {
      alloc = node.path("status").path("capacity");
    }
    this.allocatable = PodRequests.list(alloc);
  }

  /** A node with no pods yet; add them with {@link #addPod}. */
  static NodeInfo of(ObjectNode node) {
    return new NodeInfo(node);
  }

  /**
   * The node's taints plus the one Kubernetes' node lifecycle controller would add for its Ready
   * condition ({@code not-ready}, or {@code unreachable} when Unknown, effect NoSchedule), so a
   * node that is not Ready repels pods the same way, and with the same message, as in a cluster
   * that runs that controller.
   */
  private static List<Taint> effectiveTaints(ObjectNode node) {
    List<Taint> out = new ArrayList<>(Taints.taintsOf(node));
    String ready = "";
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asString("").equals("Ready")) {
        ready = c.path("status").asString("");
      }
    }
    if (ready.equals("True")) {
      return out;
    }
    String key = ready.equals("Unknown") ? Taints.UNREACHABLE : Taints.NOT_READY;
    for (Taint t : out) {
      if (t.key().equals(key) && t.effect().equals(Taints.NO_SCHEDULE)) {
        return out;
      }
    }
    out.add(new Taint(key, "", Taints.NO_SCHEDULE));
    return out;
  }

  /** Accounts a pod (not terminal) assigned to this node. */
  void addPod(ObjectNode pod) {
    pods.add(pod);
    JsonNode spec = pod.path("spec");
    PodRequests.addAll(requested, PodRequests.of(spec));
    PodRequests.addAll(nonZeroRequested, PodRequests.nonZero(spec));
    usedPorts.addAll(HostPort.of(spec));
  }

  ObjectNode node() {
    return node;
  }

  String name() {
    return name;
  }

  Map<String, String> labels() {
    return labels;
  }

  List<Taint> taints() {
    return taints;
  }

  boolean unschedulable() {
    return unschedulable;
  }

  List<ObjectNode> pods() {
    return pods;
  }

  long allocatable(String resource) {
    return allocatable.getOrDefault(resource, 0L);
  }

  long requested(String resource) {
    return requested.getOrDefault(resource, 0L);
  }

  long nonZeroRequested(String resource) {
    return nonZeroRequested.getOrDefault(resource, 0L);
  }

  List<HostPort> usedPorts() {
    return usedPorts;
  }
}
