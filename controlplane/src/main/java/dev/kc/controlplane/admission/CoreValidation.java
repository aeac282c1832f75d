package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.Names.NameRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of the smaller core/v1 kinds: Namespace, Node, ConfigMap, Secret, Endpoints, Event,
 * PersistentVolumeClaim and PersistentVolume, ported from {@code
 * pkg/apis/core/validation/validation.go} and {@code events.go} (1.32).
 */
final class CoreValidation {

  private static final int MAX_SECRET_SIZE = 1024 * 1024;
  private static final List<String> ACCESS_MODES =
      List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
  private static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
  private static final List<String> PV_SOURCES =
      List.of(
          "hostPath",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "glusterfs",
          "flocker",
          "nfs",
          "rbd",
          "quobyte",
          "cephfs",
          "iscsi",
          "cinder",
          "fc",
          "flexVolume",
          "azureFile",
          "vsphereVolume",
          "photonPersistentDisk",
          "portworxVolume",
          "azureDisk",
          "scaleIO",
          "local",
          "storageos",
          "csi");

  private CoreValidation() {}

  static List<FieldError> namespace(JsonNode ns, JsonNode old) {
    if (old != null) {
      return MetaValidation.objectMetaUpdate(ns.get("metadata"), old.get("metadata"));
    }
    List<FieldError> out = MetaValidation.objectMeta(ns.get("metadata"), false, NameRule.DNS_LABEL);
    for (String f : Json.strings(Json.obj(ns, "spec"), "finalizers")) {
      Path p = Path.of("spec", "finalizers");
      Errors.invalidEach(out, p, f, Names.qualifiedName(f));
      MetaValidation.kubeFinalizerName(out, f, p);
    }
    return out;
  }

  static List<FieldError> node(JsonNode node, JsonNode old) {
    List<FieldError> out =
        old == null
            ? MetaValidation.objectMeta(node.get("metadata"), false, NameRule.DNS_SUBDOMAIN)
            : MetaValidation.objectMetaUpdate(node.get("metadata"), old.get("metadata"));
    JsonNode spec = Json.obj(node, "spec");
    taints(out, Json.items(spec, "taints"));
    JsonNode status = Json.obj(node, "status");
    for (String list : List.of("capacity", "allocatable")) {
      for (Map.Entry<String, Quantity> e : Resources.list(Json.obj(status, list)).entrySet()) {
        Resources.quantityValue(out, e.getKey(), e.getValue(), Path.of("status", list, e.getKey()));
      }
    }
    List<String> cidrs = Json.strings(spec, "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      if (!Names.isCidr(cidrs.get(i))) {
        out.add(
            Errors.invalid(Path.of("spec", "podCIDRs").index(i), cidrs.get(i), Names.INVALID_CIDR));
      }
    }
    if (old != null) {
      List<String> oldCidrs = Json.strings(Json.obj(old, "spec"), "podCIDRs");
      if (!oldCidrs.isEmpty() && !oldCidrs.equals(cidrs)) {
        out.add(
            Errors.forbidden(
                Path.of("spec", "podCIDRs"),
                "node updates may not change podCIDR except from \"\" to valid"));
      }
      String oldProvider = Json.str(Json.obj(old, "spec"), "providerID");
      if (!oldProvider.isEmpty() && !oldProvider.equals(Json.str(spec, "providerID"))) {
        out.add(
            Errors.forbidden(
                Path.of("spec", "providerID"),
                "node updates may not change providerID except from \"\" to valid"));
      }
    }
    return out;
  }

  /** Taints: label-like key and value, a known effect, unique by key and effect. */
  private static void taints(List<FieldError> out, List<JsonNode> taints) {
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      JsonNode t = taints.get(i);
      // Kubernetes reports taints under metadata.taints.
      Path p = Path.of("metadata", "taints").index(i);
      String key = Json.str(t, "key");
      Errors.invalidEach(out, p.child("key"), key, Names.qualifiedName(key));
      String value = Json.str(t, "value");
      List<String> errs = Names.labelValue(value);
      if (!errs.isEmpty()) {
        out.add(Errors.invalid(p.child("value"), value, String.join(";", errs)));
      }
      String effect = Json.str(t, "effect");
      if (effect.isEmpty()) {
        out.add(Errors.required(p.child("effect"), ""));
      } else {
        PodValidation.taintEffect(out, effect, p.child("effect"));
      }
      if (!unique.add(effect + "/" + key)) {
        out.add(
            new FieldError(
                FieldError.Type.DUPLICATE,
                p.toString(),
                GoFmt.literal(
                    "core.Taint{Key:"
                        + GoFmt.quote(key)
                        + ", Value:"
                        + GoFmt.quote(value)
                        + ", Effect:"
                        + GoFmt.quote(effect)
                        + ", TimeAdded:<nil>}"),
                "taints must be unique by key and effect pair"));
      }
    }
  }

  static List<FieldError> configMap(JsonNode cm, JsonNode old) {
    List<FieldError> out = immutableData(cm, old, List.of("data", "binaryData"));
    out.addAll(MetaValidation.objectMeta(cm.get("metadata"), true, NameRule.DNS_SUBDOMAIN));
    long size = 0;
    JsonNode binary = Json.obj(cm, "binaryData");
    for (Map.Entry<String, String> e : Json.orEmpty(Json.stringMap(cm, "data")).entrySet()) {
      Path p = Path.of("data").key(e.getKey());
      Errors.invalidEach(out, p, e.getKey(), Names.configMapKey(e.getKey()));
      if (binary != null && binary.has(e.getKey())) {
        out.add(Errors.invalid(p, e.getKey(), "duplicate of key present in binaryData"));
      }
      size += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : Json.orEmpty(Json.stringMap(cm, "binaryData")).entrySet()) {
      Errors.invalidEach(
          out, Path.of("binaryData").key(e.getKey()), e.getKey(), Names.configMapKey(e.getKey()));
      size += decodedLength(e.getValue());
    }
    if (size > MAX_SECRET_SIZE) {
      out.add(Errors.tooLong(Path.ROOT, MAX_SECRET_SIZE));
    }
    return out;
  }

  static List<FieldError> secret(JsonNode secret, JsonNode old) {
    List<FieldError> out = immutableData(secret, old, List.of("data"));
    out.addAll(MetaValidation.objectMeta(secret.get("metadata"), true, NameRule.DNS_SUBDOMAIN));
    Map<String, String> data = Json.orEmpty(Json.stringMap(secret, "data"));
    long size = 0;
    for (Map.Entry<String, String> e : data.entrySet()) {
      Errors.invalidEach(
          out, Path.of("data").key(e.getKey()), e.getKey(), Names.configMapKey(e.getKey()));
      size += decodedLength(e.getValue());
    }
    if (size > MAX_SECRET_SIZE) {
      out.add(Errors.tooLong(Path.of("data"), MAX_SECRET_SIZE));
    }
    secretType(out, secret, data);
    return out;
  }

  private static void secretType(List<FieldError> out, JsonNode secret, Map<String, String> data) {
    Path dp = Path.of("data");
    switch (Json.str(secret, "type")) {
      case "kubernetes.io/service-account-token" -> {
        Map<String, String> ann =
            Json.orEmpty(Json.stringMap(Json.obj(secret, "metadata"), "annotations"));
        if (ann.getOrDefault("kubernetes.io/service-account.name", "").isEmpty()) {
          out.add(
              Errors.required(
                  Path.of("metadata", "annotations").key("kubernetes.io/service-account.name"),
                  ""));
        }
      }
      case "kubernetes.io/dockercfg" -> jsonKey(out, data, ".dockercfg", dp);
      case "kubernetes.io/dockerconfigjson" -> jsonKey(out, data, ".dockerconfigjson", dp);
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          out.add(Errors.required(dp.key("username"), ""));
          out.add(Errors.required(dp.key("password"), ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (decodedLength(data.getOrDefault("ssh-privatekey", "")) == 0) {
          out.add(Errors.required(dp.key("ssh-privatekey"), ""));
        }
      }
      case "kubernetes.io/tls" -> {
        if (!data.containsKey("tls.crt")) {
          out.add(Errors.required(dp.key("tls.crt"), ""));
        }
        if (!data.containsKey("tls.key")) {
          out.add(Errors.required(dp.key("tls.key"), ""));
        }
      }
      default -> {}
    }
  }

  private static void jsonKey(List<FieldError> out, Map<String, String> data, String key, Path dp) {
    String value = data.get(key);
    if (value == null) {
      out.add(Errors.required(dp.key(key), ""));
      return;
    }
    try {
      String text = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
      tools.jackson.databind.json.JsonMapper.shared().readTree(text);
    } catch (RuntimeException e) {
      out.add(
          Errors.invalid(dp.key(key), "<secret contents redacted>", "invalid character in JSON"));
    }
  }

  private static long decodedLength(String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64).length;
    } catch (IllegalArgumentException e) {
      return base64.length();
    }
  }

  /** ConfigMap and Secret: once {@code immutable: true}, the flag and the data stay put. */
  private static List<FieldError> immutableData(JsonNode obj, JsonNode old, List<String> fields) {
    List<FieldError> out =
        old == null
            ? new java.util.ArrayList<>()
            : MetaValidation.objectMetaUpdate(obj.get("metadata"), old.get("metadata"));
    if (old != null && obj.has("type")) {
      // Only Secrets have a type, and it never changes.
      String type = Json.str(obj, "type");
      Errors.immutable(out, type, Json.str(old, "type"), type, Path.of("type"));
    }
    if (old != null && Json.bool(old, "immutable")) {
      if (!Json.bool(obj, "immutable")) {
        out.add(
            Errors.forbidden(Path.of("immutable"), "field is immutable when `immutable` is set"));
      }
      for (String f : fields) {
        if (!Json.semanticEquals(obj.get(f), old.get(f))) {
          out.add(Errors.forbidden(Path.of(f), "field is immutable when `immutable` is set"));
        }
      }
    }
    return out;
  }

  static List<FieldError> endpoints(JsonNode ep, JsonNode old) {
    List<FieldError> out =
        old == null
            ? new java.util.ArrayList<>()
            : MetaValidation.objectMetaUpdate(ep.get("metadata"), old.get("metadata"));
    out.addAll(MetaValidation.objectMeta(ep.get("metadata"), true, NameRule.DNS_SUBDOMAIN));
    List<JsonNode> subsets = Json.items(ep, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode ss = subsets.get(i);
      Path p = Path.of("subsets").index(i);
      List<JsonNode> ready = Json.items(ss, "addresses");
      List<JsonNode> notReady = Json.items(ss, "notReadyAddresses");
      if (ready.isEmpty() && notReady.isEmpty()) {
        out.add(Errors.required(p, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (int j = 0; j < ready.size(); j++) {
        endpointAddress(out, ready.get(j), p.child("addresses").index(j));
      }
      for (int j = 0; j < notReady.size(); j++) {
        endpointAddress(out, notReady.get(j), p.child("notReadyAddresses").index(j));
      }
      List<JsonNode> ports = Json.items(ss, "ports");
      for (int j = 0; j < ports.size(); j++) {
        endpointPort(out, ports.get(j), ports.size() > 1, p.child("ports").index(j));
      }
    }
    return out;
  }

  private static void endpointAddress(List<FieldError> out, JsonNode a, Path p) {
    String ip = Json.str(a, "ip");
    boolean valid = Names.isIp(ip);
    if (!valid) {
      out.add(Errors.invalid(p.child("ip"), ip, Names.INVALID_IP));
    }
    String hostname = Json.str(a, "hostname");
    if (!hostname.isEmpty()) {
      Errors.invalidEach(out, p.child("hostname"), hostname, Names.dns1123Label(hostname));
    }
    if (Json.has(a, "nodeName")) {
      String node = Json.str(a, "nodeName");
      Errors.invalidEach(out, p.child("nodeName"), node, Names.dns1123Subdomain(node));
    }
    if (!valid) {
      out.add(Errors.invalid(p.child("ip"), ip, "must be a valid IP address"));
    } else {
      ServiceValidation.nonSpecialIp(out, ip, p.child("ip"));
    }
  }

  private static void endpointPort(
      List<FieldError> out, JsonNode port, boolean requireName, Path p) {
    String name = Json.str(port, "name");
    if (requireName && name.isEmpty()) {
      out.add(Errors.required(p.child("name"), ""));
    } else if (!name.isEmpty()) {
      Errors.invalidEach(out, p.child("name"), name, Names.dns1123Label(name));
    }
    long n = Json.num(port, "port", 0);
    Errors.invalidEach(out, p.child("port"), n, Names.portNum(n));
    String protocol = Json.str(port, "protocol");
    List<String> protocols = List.of("SCTP", "TCP", "UDP");
    if (protocol.isEmpty()) {
      out.add(Errors.required(p.child("protocol"), ""));
    } else if (!protocols.contains(protocol)) {
      out.add(Errors.notSupported(p.child("protocol"), protocol, protocols));
    }
  }

  /**
   * core/v1 Events get only the legacy checks; their metadata is checked by the generic rules (name
   * present, no {@code /} or {@code %}).
   */
  static List<FieldError> event(JsonNode ev, JsonNode old) {
    List<FieldError> out = new java.util.ArrayList<>();
    String namespace = Json.str(Json.obj(ev, "metadata"), "namespace");
    JsonNode involved = Json.obj(ev, "involvedObject");
    String involvedNs = Json.str(involved, "namespace");
    Path ip = Path.of("involvedObject", "namespace");
    if (!Json.has(ev, "eventTime")) {
      if (involvedNs.isEmpty()) {
        if (!namespace.isEmpty() && !namespace.equals("default")) {
          out.add(Errors.invalid(ip, involvedNs, "does not match event.namespace"));
        }
      } else if (!namespace.equals(involvedNs)) {
        out.add(Errors.invalid(ip, involvedNs, "does not match event.namespace"));
      }
    } else {
      seriesEvent(out, ev, namespace, involvedNs, ip);
    }
    Errors.invalidEach(out, Path.of("namespace"), namespace, Names.dns1123Subdomain(namespace));
    return out;
  }

  /** New-style events (with eventTime) need a reporting controller, instance, action, reason. */
  private static void seriesEvent(
      List<FieldError> out, JsonNode ev, String namespace, String involvedNs, Path ip) {
    if (involvedNs.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
      out.add(Errors.invalid(ip, involvedNs, "does not match event.namespace"));
    }
    String controller = Json.str(ev, "reportingComponent");
    if (controller.isEmpty()) {
      out.add(Errors.required(Path.of("source"), ""));
    }
    Errors.invalidEach(out, Path.of("source"), controller, Names.qualifiedName(controller));
    lengthLimited(out, ev, "reportingInstance", 128, true);
    lengthLimited(out, ev, "action", 128, true);
    lengthLimited(out, ev, "reason", 128, true);
    lengthLimited(out, ev, "message", 1024, false);
  }

  private static void lengthLimited(
      List<FieldError> out, JsonNode ev, String field, int max, boolean required) {
    String v = Json.str(ev, field);
    if (required && v.isEmpty()) {
      out.add(Errors.required(Path.of(field), ""));
    }
    if (v.length() > max) {
      out.add(Errors.invalid(Path.of(field), "", "can have at most " + max + " characters"));
    }
  }

  static List<FieldError> persistentVolumeClaim(JsonNode pvc, JsonNode old) {
    List<FieldError> out =
        old == null
            ? new java.util.ArrayList<>()
            : MetaValidation.objectMetaUpdate(pvc.get("metadata"), old.get("metadata"));
    out.addAll(MetaValidation.objectMeta(pvc.get("metadata"), true, NameRule.DNS_SUBDOMAIN));
    JsonNode spec = Json.obj(pvc, "spec");
    claimSpec(out, spec, Path.of("spec"));
    if (old != null) {
      claimUpdate(out, pvc, old);
    }
    return out;
  }

  /** {@code ValidatePersistentVolumeClaimSpec}. */
  static void claimSpec(List<FieldError> out, JsonNode spec, Path p) {
    List<String> modes = Json.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      out.add(Errors.required(p.child("accessModes"), "at least 1 access mode is required"));
    }
    if (Json.has(spec, "selector")) {
      Selectors.validate(out, spec.get("selector"), p.child("selector"));
    }
    accessModes(out, modes, p.child("accessModes"));
    Path storage = p.child("resources").key("storage");
    JsonNode requests = Json.obj(Json.obj(spec, "resources"), "requests");
    Quantity size = Resources.quantity(requests == null ? null : requests.get("storage"));
    if (size == null) {
      out.add(Errors.required(storage, ""));
    } else if (size.signum() <= 0) {
      Resources.positive(out, size, storage);
    } else {
      Resources.quantityValue(out, "storage", size, storage);
    }
    String storageClass = Json.str(spec, "storageClassName");
    if (!storageClass.isEmpty()) {
      Errors.invalidEach(
          out, p.child("storageClassName"), storageClass, Names.dns1123Subdomain(storageClass));
    }
    if (Json.has(spec, "volumeMode")) {
      String mode = Json.str(spec, "volumeMode");
      if (!VOLUME_MODES.contains(mode)) {
        out.add(Errors.notSupported(p.child("volumeMode"), mode, VOLUME_MODES));
      }
    }
  }

  private static void accessModes(List<FieldError> out, List<String> modes, Path p) {
    boolean rwop = false;
    boolean other = false;
    for (String mode : modes) {
      if (!ACCESS_MODES.contains(mode)) {
        out.add(Errors.notSupported(p, mode, ACCESS_MODES));
      }
      if (mode.equals("ReadWriteOncePod")) {
        rwop = true;
      } else if (ACCESS_MODES.contains(mode)) {
        other = true;
      }
    }
    if (rwop && other) {
      out.add(Errors.forbidden(p, "may not use ReadWriteOncePod with other access modes"));
    }
  }

  /** A claim's spec is immutable except a bound claim's size and a first volumeName. */
  private static void claimUpdate(List<FieldError> out, JsonNode pvc, JsonNode old) {
    ObjectNode now = copySpec(pvc);
    ObjectNode before = copySpec(old);
    if (Json.str(before, "volumeName").isEmpty()) {
      before.remove("volumeName");
      now.remove("volumeName");
    }
    boolean bound = Json.str(Json.obj(pvc, "status"), "phase").equals("Bound");
    if (bound) {
      for (ObjectNode s : List.of(now, before)) {
        ObjectNode requests = Json.obj(Json.obj(s, "resources"), "requests");
        if (requests != null) {
          requests.remove("storage");
        }
        s.remove("volumeAttributesClassName");
      }
    }
    if (!Json.semanticEquals(now, before)) {
      out.add(
          Errors.forbidden(
              Path.of("spec"),
              "spec is immutable after creation except resources.requests and"
                  + " volumeAttributesClassName for bound claims\n"
                  + SpecDiff.diff("core.PersistentVolumeClaimSpec", before, now)));
    }
    Quantity newSize = storageRequest(pvc);
    Quantity oldSize = storageRequest(old);
    if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0) {
      Quantity capacity =
          Resources.quantity(
              Json.obj(Json.obj(old, "status"), "capacity") == null
                  ? null
                  : old.get("status").get("capacity").get("storage"));
      if (capacity == null || newSize.compareTo(capacity) <= 0) {
        out.add(
            Errors.forbidden(
                Path.of("spec", "resources", "requests", "storage"),
                "field can not be less than status.capacity"));
      }
    }
    String mode = Json.str(Json.obj(pvc, "spec"), "volumeMode");
    String oldMode = Json.str(Json.obj(old, "spec"), "volumeMode");
    Errors.immutable(out, mode, oldMode, mode, Path.of("volumeMode"));
  }

  private static ObjectNode copySpec(JsonNode obj) {
    JsonNode spec = Json.obj(obj, "spec");
    return spec == null ? Json.NODES.objectNode() : (ObjectNode) spec.deepCopy();
  }

  private static Quantity storageRequest(JsonNode pvc) {
    JsonNode requests = Json.obj(Json.obj(Json.obj(pvc, "spec"), "resources"), "requests");
    return Resources.quantity(requests == null ? null : requests.get("storage"));
  }

  static List<FieldError> persistentVolume(JsonNode pv, JsonNode old) {
    List<FieldError> out =
        MetaValidation.objectMeta(pv.get("metadata"), false, NameRule.DNS_SUBDOMAIN);
    JsonNode spec = Json.obj(pv, "spec");
    Path p = Path.of("spec");
    List<String> modes = Json.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      out.add(Errors.required(p.child("accessModes"), ""));
    }
    accessModes(out, modes, p.child("accessModes"));
    Map<String, Quantity> capacity = Resources.list(Json.obj(spec, "capacity"));
    if (capacity.isEmpty()) {
      out.add(Errors.required(p.child("capacity"), ""));
    }
    if (!capacity.containsKey("storage") || capacity.size() > 1) {
      out.add(
          Errors.notSupported(
              p.child("capacity"), GoFmt.literal("core.ResourceList{...}"), List.of("storage")));
    }
    for (Map.Entry<String, Quantity> e : capacity.entrySet()) {
      Path cp = p.child("capacity").key(e.getKey());
      if (e.getValue().signum() < 0) {
        out.add(
            Errors.invalid(
                cp, e.getValue().value().longValue(), "must be a valid resource quantity"));
      }
      Resources.positive(out, e.getValue(), cp);
    }
    String reclaim = Json.str(spec, "persistentVolumeReclaimPolicy");
    List<String> policies = List.of("Delete", "Recycle", "Retain");
    if (!reclaim.isEmpty() && !policies.contains(reclaim)) {
      out.add(Errors.notSupported(p.child("persistentVolumeReclaimPolicy"), reclaim, policies));
    }
    pvSource(out, spec, p);
    if (Json.has(spec, "volumeMode") && !VOLUME_MODES.contains(Json.str(spec, "volumeMode"))) {
      out.add(
          Errors.notSupported(p.child("volumeMode"), Json.str(spec, "volumeMode"), VOLUME_MODES));
    }
    if (old != null) {
      persistentVolumeUpdate(out, spec, Json.obj(old, "spec"));
    }
    return out;
  }

  /** A volume's source and mode never change. */
  private static void persistentVolumeUpdate(
      List<FieldError> out, JsonNode spec, JsonNode oldSpec) {
    ObjectNode a = Json.NODES.objectNode();
    ObjectNode b = Json.NODES.objectNode();
    for (String s : PV_SOURCES) {
      if (spec != null && spec.has(s)) {
        a.set(s, spec.get(s));
      }
      if (oldSpec != null && oldSpec.has(s)) {
        b.set(s, oldSpec.get(s));
      }
    }
    if (!Json.semanticEquals(a, b)) {
      out.add(
          Errors.forbidden(
              Path.of("spec", "persistentvolumesource"),
              "spec.persistentvolumesource is immutable after creation\n"
                  + SpecDiff.diff("core.PersistentVolumeSource", b, a)));
    }
    String mode = Json.str(spec, "volumeMode");
    Errors.immutable(out, mode, Json.str(oldSpec, "volumeMode"), mode, Path.of("volumeMode"));
  }

  private static void pvSource(List<FieldError> out, JsonNode spec, Path p) {
    int count = 0;
    for (String s : PV_SOURCES) {
      if (!Json.has(spec, s)) {
        continue;
      }
      if (count > 0 && !s.equals("flexVolume")) {
        out.add(Errors.forbidden(p.child(s), "may not specify more than 1 volume type"));
        continue;
      }
      count++;
      if (s.equals("hostPath")) {
        String path = Json.str(spec.get(s), "path");
        if (path.isEmpty()) {
          out.add(Errors.required(p.child("hostPath", "path"), ""));
        } else {
          VolumeValidation.noBacksteps(out, path, p.child("hostPath", "path"));
        }
      } else if (s.equals("local") && !Json.has(spec, "nodeAffinity")) {
        out.add(Errors.required(p.child("nodeAffinity"), "Local volume requires node affinity"));
      }
    }
    if (count == 0) {
      out.add(Errors.required(p, "must specify a volume type"));
    }
    JsonNode hostPath = Json.obj(spec, "hostPath");
    if (hostPath != null
        && Json.str(hostPath, "path").replaceAll("/+$", "").isEmpty()
        && Json.str(hostPath, "path").startsWith("/")
        && Json.str(spec, "persistentVolumeReclaimPolicy").equals("Recycle")) {
      out.add(
          Errors.forbidden(
              p.child("persistentVolumeReclaimPolicy"),
              "may not be 'recycle' for a hostPath mount of '/'"));
    }
    String storageClass = Json.str(spec, "storageClassName");
    if (!storageClass.isEmpty()) {
      Errors.invalidEach(
          out, p.child("storageClassName"), storageClass, Names.dns1123Subdomain(storageClass));
    }
  }
}
