package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulated nodes: the objects a kind-like cluster has ({@code kc-control-plane}, {@code
 * kc-worker}, {@code kc-worker2}, ...), and adding and removing them.
 */
public final class Nodes {
  /** Marks nodes whose kubelet kc simulates. */
  public static final String SIMULATED = "kc.dev/simulated";

  public static final String CONTROL_PLANE = "kc-control-plane";

  /**
   * What a new node looks like.
   *
   * @param name node name
   * @param cpu cpu capacity ({@code 8})
   * @param memory memory capacity ({@code 16Gi})
   * @param labels extra labels
   * @param taints taints as {@code key[=value]:Effect}
   * @param controlPlane whether it is the control-plane node
   */
  public record Spec(
      String name,
      String cpu,
      String memory,
      Map<String, String> labels,
      List<String> taints,
      boolean controlPlane) {
    public static Spec worker(String name) {
      return new Spec(name, "8", "16Gi", Map.of(), List.of(), false);
    }
  }

  private final ObjectService objects;
  private final ResourceType nodes;

  public Nodes(ObjectService objects) {
    this.objects = objects;
    this.nodes = objects.registry().byResource("", "v1", "nodes").orElseThrow();
  }

  /** Creates the control-plane node and {@code workers} workers, unless nodes exist already. */
  public void bootstrap(int workers) {
    if (!objects.list(nodes, "", Selectors.NONE).entries().isEmpty()) {
      return;
    }
    add(
        new Spec(
            CONTROL_PLANE,
            "8",
            "16Gi",
            Map.of(),
            List.of("node-role.kubernetes.io/control-plane:NoSchedule"),
            true));
    for (int i = 1; i <= workers; i++) {
      add(Spec.worker(i == 1 ? "kc-worker" : "kc-worker" + i));
    }
  }

  /**
   * Adds a node.
   *
   * @throws ApiException 409 when it exists, 422 when the spec is invalid
   */
  public ObjectNode add(Spec spec) {
    int index = nextIndex();
    Instant now = objects.clock().now();
    ObjectNode node = Json.object();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    ObjectNode meta = node.putObject("metadata");
    meta.put("name", spec.name());
    ObjectNode labels = meta.putObject("labels");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", spec.name());
    labels.put("kubernetes.io/os", "linux");
    if (spec.controlPlane()) {
      labels.put("node-role.kubernetes.io/control-plane", "");
      labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
    }
    spec.labels().forEach(labels::put);
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("node.alpha.kubernetes.io/ttl", "0");
    annotations.put(SIMULATED, "true");
    ObjectNode s = node.putObject("spec");
    String cidr = "10.244." + index + ".0/24";
    s.put("podCIDR", cidr);
    s.putArray("podCIDRs").add(cidr);
    s.put("providerID", "kc://" + spec.name());
    if (!spec.taints().isEmpty()) {
      ArrayNode taints = s.putArray("taints");
      for (String t : spec.taints()) {
        taints.add(taint(t));
      }
    }
    node.set("status", status(spec, index, now));
    return objects.create(nodes, "v1", "", node, WriteOptions.internal("kc-node")).object();
  }

  /** Parses {@code key[=value]:Effect}. */
  static ObjectNode taint(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw ApiException.badRequest(
          "invalid taint spec: " + text + ", expected key[=value]:Effect");
    }
    String effect = text.substring(colon + 1);
    if (!List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
      throw ApiException.badRequest(
          "invalid taint effect: " + effect + ", unsupported taint effect");
    }
    String kv = text.substring(0, colon);
    ObjectNode t = Json.object();
    int eq = kv.indexOf('=');
    t.put("key", eq < 0 ? kv : kv.substring(0, eq));
    if (eq >= 0) {
      t.put("value", kv.substring(eq + 1));
    }
    t.put("effect", effect);
    return t;
  }

  private int nextIndex() {
    Set<Integer> used = new HashSet<>();
    for (Entry e : objects.list(nodes, "", Selectors.NONE).entries()) {
      String cidr = Json.at(Json.decode(e.value()), "spec", "podCIDR").asString("");
      String[] parts = cidr.split("\\.");
      if (parts.length >= 3) {
        try {
          used.add(Integer.parseInt(parts[2]));
        } catch (NumberFormatException ignored) {
          // Not one of ours.
        }
      }
    }
    int i = 0;
    while (used.contains(i)) {
      i++;
    }
    return i;
  }

  private static ObjectNode status(Spec spec, int index, Instant now) {
    ObjectNode st = Json.object();
    ObjectNode capacity = st.putObject("capacity");
    capacity.put("cpu", spec.cpu());
    capacity.put("ephemeral-storage", "100Gi");
    capacity.put("hugepages-1Gi", "0");
    capacity.put("hugepages-2Mi", "0");
    capacity.put("memory", spec.memory());
    capacity.put("pods", "110");
    st.set("allocatable", capacity.deepCopy());
    ArrayNode conditions = st.putArray("conditions");
    String ts = Json.timestamp(now);
    conditions.add(
        condition(
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
            ts));
    conditions.add(
        condition(
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
            ts));
    conditions.add(
        condition(
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
            ts));
    conditions.add(
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", ts));
    ArrayNode addresses = st.putArray("addresses");
    ObjectNode ip = addresses.addObject();
    ip.put("type", "InternalIP");
    ip.put("address", "172.18.0." + (index + 2));
    ObjectNode host = addresses.addObject();
    host.put("type", "Hostname");
    host.put("address", spec.name());
    st.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    ObjectNode info = st.putObject("nodeInfo");
    info.put("architecture", "amd64");
    info.put("bootID", UUID.randomUUID().toString());
    info.put("containerRuntimeVersion", "containerd://1.7.24");
    info.put("kernelVersion", "6.1.0-kc");
    info.put("kubeProxyVersion", "v1.32.0");
    info.put("kubeletVersion", "v1.32.0");
    info.put("machineID", UUID.randomUUID().toString().replace("-", ""));
    info.put("operatingSystem", "linux");
    info.put("osImage", "Debian GNU/Linux 12 (bookworm)");
    info.put("systemUUID", UUID.randomUUID().toString());
    return st;
  }

  static ObjectNode condition(
      String type, String status, String reason, String message, String ts) {
    ObjectNode c = Json.object();
    c.put("type", type);
    c.put("status", status);
    c.put("lastHeartbeatTime", ts);
    c.put("lastTransitionTime", ts);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /** The node's InternalIP, or empty. */
  static String internalIp(JsonNode node) {
    for (JsonNode a : Json.at(node, "status", "addresses")) {
      if (a.path("type").asString("").equals("InternalIP")) {
        return a.path("address").asString("");
      }
    }
    return "";
  }
}
