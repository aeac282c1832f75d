package dev.kc.controlplane.kubelet;

import java.util.HashMap;
import java.util.Map;

/**
 * Pod IP addresses from each node's {@code 10.244.N.0/24} range: the node index comes from the
 * node's pod CIDR, hosts from 2 to 254, reused once a pod is gone.
 */
final class PodIps {
  private final Map<String, String> cidrs = new HashMap<>();
  private final Map<String, Map<String, String>> byNode = new HashMap<>();

  synchronized void setCidr(String node, String cidr) {
    cidrs.put(node, cidr);
  }

  /** The pod's address on the node (the same one on repeated calls). */
  synchronized String allocate(String node, String podUid) {
    Map<String, String> used = byNode.computeIfAbsent(node, n -> new HashMap<>());
    String existing = used.get(podUid);
    if (existing != null) {
      return existing;
    }
    String cidr = cidrs.getOrDefault(node, "10.244.0.0/24");
    String prefix = cidr.substring(0, cidr.lastIndexOf('.') + 1);
    for (int host = 2; host < 255; host++) {
      String ip = prefix + host;
      if (!used.containsValue(ip)) {
        used.put(podUid, ip);
        return ip;
      }
    }
    return "";
  }

  /** Keeps an address a pod already reported (after a daemon restart). */
  synchronized void adopt(String node, String podUid, String ip) {
    byNode.computeIfAbsent(node, n -> new HashMap<>()).put(podUid, ip);
  }

  synchronized void release(String node, String podUid) {
    Map<String, String> used = byNode.get(node);
    if (used != null) {
      used.remove(podUid);
    }
  }

  synchronized void forgetNode(String node) {
    byNode.remove(node);
    cidrs.remove(node);
  }
}
