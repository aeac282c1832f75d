package dev.kc.controlplane.admission;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults for pod specs, as a 1.32 API server stores them.
 *
 * <p>{@link #podSpec} applies what Kubernetes' v1 defaulting does for every pod spec, including
 * those embedded in workload templates. {@link #pod} adds what only a Pod gets: the Pod-only
 * defaulting ({@code enableServiceLinks}, requests copied from limits, host ports under {@code
 * hostNetwork}), the effect of the default admission plugins (service account, default
 * not-ready/unreachable tolerations, priority) and the initial status. Mirrors {@code
 * pkg/apis/core/v1/defaults.go} and the ServiceAccount, DefaultTolerationSeconds and Priority
 * admission plugins.
 *
 * <p>Every method is idempotent: running it on its own output changes nothing.
 */
final class PodDefaults {

  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
              + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

  private static final int DEFAULT_MODE = 0644;
  private static final List<String> QOS_RESOURCES = List.of("cpu", "memory");

  private PodDefaults() {}

  /**
   * Defaults a Pod object: spec defaults, Pod-only defaults and, for a new Pod, the admission
   * effects and the initial status. A Pod counts as new while it has neither a resourceVersion nor
   * a status phase: admission plugins only run on create, so an update (which carries the stored
   * resourceVersion, or the stored status after {@code prepareForUpdate}) must not get removed
   * tolerations or a cleared service account silently restored.
   */
  static void pod(ObjectNode pod) {
    ObjectNode spec = Json.objOrCreate(pod, "spec");
    podSpec(spec);
    if (Json.num(spec, "terminationGracePeriodSeconds", 0) < 0) {
      // The pod strategy turns a negative grace period (once allowed) into 1.
      spec.put("terminationGracePeriodSeconds", 1);
    }
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        copyLimitsToRequests(c);
      }
    }
    Json.defaultBool(spec, "enableServiceLinks", true);
    if (Json.bool(spec, "hostNetwork")) {
      defaultHostPorts(spec);
    }
    boolean isNew =
        Json.str(Json.obj(pod, "metadata"), "resourceVersion").isEmpty()
            && Json.str(Json.obj(pod, "status"), "phase").isEmpty();
    if (isNew) {
      admissionDefaults(spec);
      initialStatus(pod, spec);
    }
  }

  // TODO: a real server also shows "creationTimestamp: null" in template metadata (Go serializes
  // the zero time); it carries no information, so kc stores templates without it.

  /** Defaults a pod template's spec (Deployment, ReplicaSet, StatefulSet, DaemonSet). */
  static void template(ObjectNode owner) {
    ObjectNode template = Json.objOrCreate(owner, "template");
    // Clients that went through Go types (kubectl rollout undo) send the zero time as null; drop
    // it so the same template always has the same stored form (and the same template hash).
    if (template.get("metadata") instanceof ObjectNode meta
        && meta.has("creationTimestamp")
        && meta.get("creationTimestamp").isNull()) {
      meta.remove("creationTimestamp");
    }
    podSpec(Json.objOrCreate(template, "spec"));
  }

  /** Kubernetes' {@code SetDefaults_PodSpec} and the defaults of everything a spec contains. */
  static void podSpec(ObjectNode spec) {
    Json.defaultStr(spec, "dnsPolicy", "ClusterFirst");
    Json.defaultStr(spec, "restartPolicy", "Always");
    if (!Json.has(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    Json.defaultNum(spec, "terminationGracePeriodSeconds", 30);
    Json.defaultStr(spec, "schedulerName", "default-scheduler");
    syncServiceAccount(spec);
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        container(c);
      }
    }
    for (ObjectNode v : Json.objects(spec, "volumes")) {
      volume(v);
    }
  }

  /**
   * The v1 conversion keeps the deprecated {@code serviceAccount} in step with {@code
   * serviceAccountName}; the old field fills the new one when only it is set.
   */
  private static void syncServiceAccount(ObjectNode spec) {
    String name = Json.str(spec, "serviceAccountName");
    if (name.isEmpty()) {
      name = Json.str(spec, "serviceAccount");
      if (!name.isEmpty()) {
        spec.put("serviceAccountName", name);
      }
    }
    if (!name.isEmpty()) {
      spec.put("serviceAccount", name);
    } else {
      spec.remove("serviceAccount");
    }
  }

  private static void container(ObjectNode c) {
    if (Json.str(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", pullPolicyFor(Json.str(c, "image")));
    }
    Json.defaultStr(c, "terminationMessagePath", "/dev/termination-log");
    Json.defaultStr(c, "terminationMessagePolicy", "File");
    if (!Json.has(c, "resources")) {
      // Go serializes the non-pointer ResourceRequirements struct even when it is empty.
      c.putObject("resources");
    }
    for (ObjectNode p : Json.objects(c, "ports")) {
      Json.defaultStr(p, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode p = Json.obj(c, probe);
      if (p != null) {
        probe(p);
      }
    }
    ObjectNode lifecycle = Json.obj(c, "lifecycle");
    if (lifecycle != null) {
      handler(Json.obj(lifecycle, "postStart"));
      handler(Json.obj(lifecycle, "preStop"));
    }
    for (ObjectNode env : Json.objects(c, "env")) {
      fieldRef(Json.obj(Json.obj(env, "valueFrom"), "fieldRef"));
    }
  }

  private static void probe(ObjectNode p) {
    Json.defaultNum(p, "timeoutSeconds", 1);
    Json.defaultNum(p, "periodSeconds", 10);
    Json.defaultNum(p, "successThreshold", 1);
    Json.defaultNum(p, "failureThreshold", 3);
    handler(p);
  }

  /** SetDefaults_HTTPGetAction: path {@code /} and scheme HTTP. */
  private static void handler(ObjectNode h) {
    ObjectNode http = Json.obj(h, "httpGet");
    if (http != null) {
      Json.defaultStr(http, "path", "/");
      Json.defaultStr(http, "scheme", "HTTP");
    }
  }

  /** SetDefaults_ObjectFieldSelector: apiVersion v1. */
  private static void fieldRef(ObjectNode ref) {
    if (ref != null) {
      Json.defaultStr(ref, "apiVersion", "v1");
    }
  }

  private static final List<String> VOLUME_SOURCES =
      List.of(
          "hostPath",
          "emptyDir",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "gitRepo",
          "secret",
          "nfs",
          "iscsi",
          "glusterfs",
          "persistentVolumeClaim",
          "rbd",
          "flexVolume",
          "cinder",
          "cephfs",
          "flocker",
          "downwardAPI",
          "fc",
          "azureFile",
          "configMap",
          "vsphereVolume",
          "quobyte",
          "azureDisk",
          "photonPersistentDisk",
          "projected",
          "portworxVolume",
          "scaleIO",
          "storageos",
          "csi",
          "ephemeral",
          "image");

  private static void volume(ObjectNode v) {
    if (VOLUME_SOURCES.stream().noneMatch(s -> Json.has(v, s))) {
      v.putObject("emptyDir");
    }
    for (String s : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode src = Json.obj(v, s);
      if (src != null) {
        Json.defaultNum(src, "defaultMode", DEFAULT_MODE);
      }
    }
    ObjectNode hostPath = Json.obj(v, "hostPath");
    if (hostPath != null && !Json.has(hostPath, "type")) {
      hostPath.put("type", "");
    }
    ObjectNode downward = Json.obj(v, "downwardAPI");
    for (ObjectNode item : Json.objects(downward, "items")) {
      fieldRef(Json.obj(item, "fieldRef"));
    }
    for (ObjectNode source : Json.objects(Json.obj(v, "projected"), "sources")) {
      ObjectNode token = Json.obj(source, "serviceAccountToken");
      if (token != null) {
        Json.defaultNum(token, "expirationSeconds", 3600);
      }
      for (ObjectNode item : Json.objects(Json.obj(source, "downwardAPI"), "items")) {
        fieldRef(Json.obj(item, "fieldRef"));
      }
    }
    ObjectNode claim = Json.obj(Json.obj(v, "ephemeral"), "volumeClaimTemplate");
    if (claim != null) {
      Json.defaultStr(Json.objOrCreate(claim, "spec"), "volumeMode", "Filesystem");
    }
  }

  /**
   * {@code Always} for {@code :latest} or an untagged image, else {@code IfNotPresent}. An image
   * that is not a valid reference has no tag to look at, so it also gets {@code IfNotPresent}.
   */
  static String pullPolicyFor(String image) {
    return "latest".equals(imageTag(image)) ? "Always" : "IfNotPresent";
  }

  /** The image's tag; {@code latest} if it has neither tag nor digest; "" if unparsable. */
  private static String imageTag(String image) {
    String ref = image;
    String digest = "";
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = ref.substring(at + 1);
      ref = ref.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return "";
      }
    }
    String tag = "";
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      tag = ref.substring(colon + 1);
      ref = ref.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return "";
      }
    }
    if (ref.isEmpty() || ref.length() > 255 || !isRepository(ref)) {
      return "";
    }
    return tag.isEmpty() && digest.isEmpty() ? "latest" : tag;
  }

  private static boolean isRepository(String ref) {
    String[] parts = ref.split("/", -1);
    int start = 0;
    if (parts.length > 1) {
      String first = parts[0];
      boolean domain =
          first.contains(".")
              || first.contains(":")
              || first.equals("localhost")
              || !first.equals(first.toLowerCase());
      if (domain) {
        if (!DOMAIN.matcher(first).matches()) {
          return false;
        }
        start = 1;
      }
    }
    for (int i = start; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** SetDefaults_Pod: a resource with only a limit gets an equal request. */
  private static void copyLimitsToRequests(ObjectNode container) {
    ObjectNode resources = Json.obj(container, "resources");
    ObjectNode limits = Json.obj(resources, "limits");
    if (limits == null) {
      return;
    }
    ObjectNode requests = Json.objOrCreate(resources, "requests");
    for (Map.Entry<String, JsonNode> e : limits.properties()) {
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** With hostNetwork a Pod's host ports default to the container ports. */
  private static void defaultHostPorts(ObjectNode spec) {
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        for (ObjectNode p : Json.objects(c, "ports")) {
          if (Json.num(p, "hostPort", 0) == 0 && Json.has(p, "containerPort")) {
            p.set("hostPort", p.get("containerPort").deepCopy());
          }
        }
      }
    }
  }

  /**
   * What the default admission chain adds to a new Pod: the {@code default} service account, the
   * not-ready/unreachable NoExecute tolerations (300 s) and priority 0 with {@code
   * PreemptLowerPriority} when no priority class is named.
   */
  private static void admissionDefaults(ObjectNode spec) {
    if (Json.str(spec, "serviceAccountName").isEmpty()) {
      spec.put("serviceAccountName", "default");
      spec.put("serviceAccount", "default");
    }
    defaultTolerations(spec);
    String priorityClass = Json.str(spec, "priorityClassName");
    Integer priority =
        switch (priorityClass) {
          case "" -> 0;
          case "system-cluster-critical" -> 2000000000;
          case "system-node-critical" -> 2000001000;
          default -> null;
        };
    if (priority != null && !Json.has(spec, "priority")) {
      spec.put("priority", priority);
    }
    Json.defaultStr(spec, "preemptionPolicy", "PreemptLowerPriority");
  }

  private static void defaultTolerations(ObjectNode spec) {
    boolean notReady = false;
    boolean unreachable = false;
    for (ObjectNode t : Json.objects(spec, "tolerations")) {
      String key = Json.str(t, "key");
      String effect = Json.str(t, "effect");
      boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
      notReady |= noExecute && (key.isEmpty() || key.equals("node.kubernetes.io/not-ready"));
      unreachable |= noExecute && (key.isEmpty() || key.equals("node.kubernetes.io/unreachable"));
    }
    if (notReady && unreachable) {
      return;
    }
    ArrayNode tolerations =
        spec.get("tolerations") instanceof ArrayNode a ? a : spec.putArray("tolerations");
    if (!notReady) {
      tolerations.add(toleration("node.kubernetes.io/not-ready"));
    }
    if (!unreachable) {
      tolerations.add(toleration("node.kubernetes.io/unreachable"));
    }
  }

  private static ObjectNode toleration(String key) {
    ObjectNode t = Json.NODES.objectNode();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", "NoExecute");
    t.put("tolerationSeconds", 300);
    return t;
  }

  /** A new Pod starts Pending with its QoS class computed. */
  private static void initialStatus(ObjectNode pod, ObjectNode spec) {
    ObjectNode status = Json.objOrCreate(pod, "status");
    if (!Json.str(status, "phase").isEmpty()) {
      return;
    }
    status.put("phase", "Pending");
    Json.defaultStr(status, "qosClass", qosClass(spec));
  }

  /** Kubernetes' {@code GetPodQOS}: Guaranteed, Burstable or BestEffort from cpu and memory. */
  static String qosClass(JsonNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Json.objects(spec, list)) {
        ObjectNode resources = Json.obj(c, "resources");
        sum(Json.obj(resources, "requests"), requests);
        Map<String, BigDecimal> own = new HashMap<>();
        sum(Json.obj(resources, "limits"), own);
        own.forEach((k, v) -> limits.merge(k, v, BigDecimal::add));
        if (!own.keySet().containsAll(QOS_RESOURCES)) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed && requests.keySet().equals(limits.keySet())) {
      boolean equal =
          requests.entrySet().stream()
              .allMatch(e -> e.getValue().compareTo(limits.get(e.getKey())) == 0);
      if (equal) {
        return "Guaranteed";
      }
    }
    return "Burstable";
  }

  private static void sum(ObjectNode list, Map<String, BigDecimal> into) {
    if (list == null) {
      return;
    }
    for (String r : QOS_RESOURCES) {
      JsonNode v = list.get(r);
      if (v == null || !(v.isString() || v.isNumber())) {
        continue;
      }
      try {
        Quantity q = Quantity.parse(v.isString() ? v.stringValue() : v.asString());
        if (q.signum() != 0) {
          into.merge(r, q.value(), BigDecimal::add);
        }
      } catch (Quantity.QuantityException e) {
        // Unparsable quantities are rejected by check(); they do not count towards QoS.
      }
    }
  }
}
