package dev.kc.controlplane.controller.scheduler;

import dev.kc.api.Quantity;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What a pod asks of a node, computed the way kube-scheduler's resource accounting does. Amounts
 * are longs keyed by resource name: {@code cpu} in millicores, everything else in whole units
 * (bytes, devices). Maps are sorted by name so that messages come out in a stable order.
 */
final class PodRequests {
  static final String CPU = "cpu";
  static final String MEMORY = "memory";
  static final String PODS = "pods";
  static final String EPHEMERAL_STORAGE = "ephemeral-storage";

  /** Assumed for a container without a cpu request, when scoring only (100m). */
  static final long DEFAULT_MILLI_CPU = 100;

  /** Assumed for a container without a memory request, when scoring only (200Mi). */
  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  private PodRequests() {}

  /**
   * The pod's effective requests: the larger of (containers plus sidecars) and the largest init
   * container (plus the sidecars started before it), plus the pod overhead. A container without a
   * request but with a limit requests its limit, as API defaulting would have made it.
   */
  static Map<String, Long> of(JsonNode podSpec) {
    return compute(podSpec, false);
  }

  /**
   * Like {@link #of} but with 100m cpu and 200Mi memory assumed for containers that request none,
   * so that scoring does not pile request-less pods onto one node.
   */
  static Map<String, Long> nonZero(JsonNode podSpec) {
    return compute(podSpec, true);
  }

  private static Map<String, Long> compute(JsonNode spec, boolean nonZero) {
    Map<String, Long> total = new TreeMap<>();
    for (JsonNode c : spec.path("containers")) {
      addAll(total, container(c, nonZero));
    }
    // Sidecars (restartable init containers) run alongside the app containers; a regular init
    // container runs alone except for the sidecars started before it.
    Map<String, Long> sidecars = new TreeMap<>();
    Map<String, Long> initPeak = new TreeMap<>();
    for (JsonNode c : spec.path("initContainers")) {
      Map<String, Long> r = container(c, nonZero);
      if ("Always".equals(c.path("restartPolicy").asString(""))) {
        addAll(total, r);
        addAll(sidecars, r);
        maxAll(initPeak, sidecars);
      } else {
        Map<String, Long> withSidecars = new TreeMap<>(r);
        addAll(withSidecars, sidecars);
        maxAll(initPeak, withSidecars);
      }
    }
    maxAll(total, initPeak);
    for (Map.Entry<String, JsonNode> e : spec.path("overhead").properties()) {
      total.merge(e.getKey(), amount(e.getKey(), e.getValue()), Long::sum);
    }
    return total;
  }

  /** One container's requests, falling back to its limits. */
  static Map<String, Long> container(JsonNode c, boolean nonZero) {
    JsonNode requests = c.path("resources").path("requests");
    JsonNode limits = c.path("resources").path("limits");
    Set<String> names = new HashSet<>(requests.propertyNames());
    names.addAll(limits.propertyNames());
    Map<String, Long> out = new TreeMap<>();
    for (String name : names) {
      JsonNode v = requests.has(name) ? requests.get(name) : limits.get(name);
      out.put(name, amount(name, v));
    }
    if (nonZero) {
      out.putIfAbsent(CPU, DEFAULT_MILLI_CPU);
      out.putIfAbsent(MEMORY, DEFAULT_MEMORY);
    }
    return out;
  }

  /** Parses a quantity into the unit the scheduler counts in; malformed values count as 0. */
  static long amount(String resource, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return 0;
    }
    Quantity q = Quantity.parseOr(value.asString(), Quantity.ZERO);
    try {
      return resource.equals(CPU) ? q.milliValue() : q.value();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Amounts of a {@code ResourceList} ({@code status.allocatable}). */
  static Map<String, Long> list(JsonNode resourceList) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : resourceList.properties()) {
      out.put(e.getKey(), amount(e.getKey(), e.getValue()));
    }
    return out;
  }

  static void addAll(Map<String, Long> into, Map<String, Long> add) {
    for (Map.Entry<String, Long> e : add.entrySet()) {
      into.merge(e.getKey(), e.getValue(), Long::sum);
    }
  }

  private static void maxAll(Map<String, Long> into, Map<String, Long> other) {
    for (Map.Entry<String, Long> e : other.entrySet()) {
      into.merge(e.getKey(), e.getValue(), Math::max);
    }
  }
}
