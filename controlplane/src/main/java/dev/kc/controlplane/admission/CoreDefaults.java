package dev.kc.controlplane.admission;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults for core/v1 kinds other than Pod, mirroring {@code pkg/apis/core/v1/defaults.go} plus
 * the create-time parts of the registry strategies that shape what a 1.32 server stores (Namespace
 * finalizer and phase, Secret {@code stringData} folding, Service IP family fields). Every method
 * is idempotent.
 */
final class CoreDefaults {

  private CoreDefaults() {}

  /**
   * Service: type ClusterIP, sessionAffinity None, port protocol TCP, targetPort = port,
   * externalTrafficPolicy Cluster when externally reachable, internalTrafficPolicy Cluster,
   * allocateLoadBalancerNodePorts for LoadBalancers, and the clusterIPs/ipFamilies/ipFamilyPolicy
   * fields a single-stack IPv4 cluster stores. Allocating a cluster IP or node ports is the API
   * server's job and not done here.
   */
  static void service(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultStr(spec, "sessionAffinity", "None");
    String affinity = Json.str(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")) {
      ObjectNode clientIp = Json.obj(Json.obj(spec, "sessionAffinityConfig"), "clientIP");
      if (clientIp == null || !Json.has(clientIp, "timeoutSeconds")) {
        spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", 10800);
      }
    }
    Json.defaultStr(spec, "type", "ClusterIP");
    String type = Json.str(spec, "type");
    for (ObjectNode p : Json.objects(spec, "ports")) {
      Json.defaultStr(p, "protocol", "TCP");
      JsonNode target = p.get("targetPort");
      boolean unset =
          target == null
              || target.isNull()
              || (target.isNumber() && target.asLong() == 0)
              || (target.isString() && target.stringValue().isEmpty());
      if (unset && Json.has(p, "port")) {
        p.set("targetPort", p.get("port").deepCopy());
      }
    }
    if (isExternallyAccessible(spec)) {
      Json.defaultStr(spec, "externalTrafficPolicy", "Cluster");
    }
    if (List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
      Json.defaultStr(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Json.defaultBool(spec, "allocateLoadBalancerNodePorts", true);
    }
    if (!type.equals("ExternalName")) {
      ipFamilyFields(spec);
    }
  }

  static boolean isExternallyAccessible(JsonNode spec) {
    String type = Json.str(spec, "type");
    return type.equals("LoadBalancer")
        || type.equals("NodePort")
        || (type.equals("ClusterIP") && !Json.items(spec, "externalIPs").isEmpty());
  }

  /**
   * Keeps clusterIP and clusterIPs in step and fills the IP family fields as a single-stack IPv4
   * cluster does; a selector-less headless Service asks for RequireDualStack.
   */
  private static void ipFamilyFields(ObjectNode spec) {
    String clusterIp = Json.str(spec, "clusterIP");
    List<String> clusterIps = Json.strings(spec, "clusterIPs");
    if (!clusterIp.isEmpty() && clusterIps.isEmpty()) {
      spec.set("clusterIPs", Json.stringArray(List.of(clusterIp)));
      clusterIps = List.of(clusterIp);
    } else if (clusterIp.isEmpty() && !clusterIps.isEmpty()) {
      spec.put("clusterIP", clusterIps.get(0));
    }
    boolean headless = clusterIps.size() == 1 && clusterIps.get(0).equals("None");
    boolean selectorless = Json.obj(spec, "selector") == null || spec.get("selector").isEmpty();
    if (!Json.has(spec, "ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", headless && selectorless ? "RequireDualStack" : "SingleStack");
    }
    if (Json.items(spec, "ipFamilies").isEmpty()) {
      boolean v6 = !clusterIps.isEmpty() && Names.isIpv6(clusterIps.get(0));
      spec.set("ipFamilies", Json.stringArray(List.of(v6 ? "IPv6" : "IPv4")));
    }
  }

  /**
   * Namespace: the {@code kubernetes.io/metadata.name} label, the {@code kubernetes} finalizer and
   * phase Active. The finalizer is only added while the namespace is not being deleted, so a
   * namespace whose finalizer was removed can still go away.
   */
  static void namespace(ObjectNode obj) {
    ObjectNode meta = Json.objOrCreate(obj, "metadata");
    String name = Json.str(meta, "name");
    if (!name.isEmpty()) {
      Json.objOrCreate(meta, "labels").put("kubernetes.io/metadata.name", name);
    }
    if (!Json.has(meta, "deletionTimestamp")) {
      ObjectNode spec = Json.objOrCreate(obj, "spec");
      List<String> finalizers = Json.strings(spec, "finalizers");
      if (!finalizers.contains("kubernetes")) {
        ArrayNode a =
            spec.get("finalizers") instanceof ArrayNode arr ? arr : spec.putArray("finalizers");
        a.add("kubernetes");
      }
    }
    Json.defaultStr(Json.objOrCreate(obj, "status"), "phase", "Active");
  }

  /** Secret: type Opaque; {@code stringData} entries are base64-encoded into {@code data}. */
  static void secret(ObjectNode obj) {
    Json.defaultStr(obj, "type", "Opaque");
    ObjectNode stringData = Json.obj(obj, "stringData");
    if (stringData != null) {
      ObjectNode data = Json.objOrCreate(obj, "data");
      for (Map.Entry<String, JsonNode> e : stringData.properties()) {
        String text = e.getValue().isString() ? e.getValue().stringValue() : "";
        data.put(
            e.getKey(), Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      }
    }
    obj.remove("stringData");
  }

  /** PersistentVolumeClaim: volumeMode Filesystem, phase Pending. */
  static void persistentVolumeClaim(ObjectNode obj) {
    Json.defaultStr(Json.objOrCreate(obj, "spec"), "volumeMode", "Filesystem");
    Json.defaultStr(Json.objOrCreate(obj, "status"), "phase", "Pending");
  }

  /** PersistentVolume: reclaim policy Retain, volumeMode Filesystem, phase Pending. */
  static void persistentVolume(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultStr(spec, "persistentVolumeReclaimPolicy", "Retain");
    Json.defaultStr(spec, "volumeMode", "Filesystem");
    ObjectNode hostPath = Json.obj(spec, "hostPath");
    if (hostPath != null && !Json.has(hostPath, "type")) {
      hostPath.put("type", "");
    }
    Json.defaultStr(Json.objOrCreate(obj, "status"), "phase", "Pending");
  }

  /** Node: allocatable defaults to a copy of capacity. */
  static void node(ObjectNode obj) {
    ObjectNode status = Json.obj(obj, "status");
    ObjectNode capacity = Json.obj(status, "capacity");
    if (capacity != null && !Json.has(status, "allocatable")) {
      status.set("allocatable", capacity.deepCopy());
    }
  }

  /** Endpoints: port protocol TCP. */
  static void endpoints(ObjectNode obj) {
    for (ObjectNode subset : Json.objects(obj, "subsets")) {
      for (ObjectNode p : Json.objects(subset, "ports")) {
        Json.defaultStr(p, "protocol", "TCP");
      }
    }
  }
}
