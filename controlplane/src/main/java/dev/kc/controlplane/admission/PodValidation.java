package dev.kc.controlplane.admission;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pod and pod-spec validation, ported rule by rule from {@code
 * pkg/apis/core/validation/validation.go} (1.32): {@code ValidatePodSpec}, container, volume,
 * probe, port, env and resource rules, {@code ValidatePodTemplateSpec} and {@code
 * ValidatePodUpdate}. Error order follows Kubernetes' so the aggregate message reads the same.
 *
 * <p>Rules for rarely used fields (affinity terms, Windows options, resource claims, resize
 * policies) are not ported; those fields are accepted as long as they decode.
 */
final class PodValidation {

  private static final String RANGE_INT32 = Names.inclusiveRangeError(1, Integer.MAX_VALUE);

  private PodValidation() {}

  /** Options that differ between a Pod and a spec embedded in a template. */
  record Options(boolean resourceIsPod) {
    static final Options POD = new Options(true);
    static final Options TEMPLATE = new Options(false);
  }

  /** {@code ValidatePodCreate}: metadata, spec and the Pod-only rules. */
  static List<FieldError> podCreate(JsonNode pod) {
    List<FieldError> out = podMetadataAndSpec(pod);
    JsonNode spec = pod.get("spec");
    if (!Json.items(spec, "ephemeralContainers").isEmpty()) {
      out.add(Errors.forbidden(Path.of("spec", "ephemeralContainers"), "cannot be set on create"));
    }
    if (!Json.str(spec, "nodeName").isEmpty() && !Json.items(spec, "schedulingGates").isEmpty()) {
      out.add(
          Errors.forbidden(
              Path.of("spec", "nodeName"),
              "cannot be set until all schedulingGates have been cleared"));
    }
    return out;
  }

  private static List<FieldError> podMetadataAndSpec(JsonNode pod) {
    JsonNode meta = pod.get("metadata");
    List<FieldError> out = MetaValidation.objectMeta(meta, true, Names.NameRule.DNS_SUBDOMAIN);
    JsonNode spec = pod.get("spec");
    podSpec(out, spec, Path.of("spec"), Options.POD);
    for (String list : List.of("containers", "initContainers")) {
      List<JsonNode> cs = Json.items(spec, list);
      for (int i = 0; i < cs.size(); i++) {
        String image = Json.str(cs.get(i), "image");
        if (!image.equals(image.strip())) {
          out.add(
              Errors.invalid(
                  Path.of("spec", list).index(i).child("image"),
                  image,
                  "must not have leading or trailing whitespace"));
        }
      }
    }
    return out;
  }

  /** {@code ValidatePodUpdate}: only images, activeDeadlineSeconds and tolerations may change. */
  static List<FieldError> podUpdate(JsonNode pod, JsonNode old) {
    List<FieldError> out =
        MetaValidation.objectMetaUpdate(pod.get("metadata"), old.get("metadata"));
    out.addAll(podMetadataAndSpec(pod));
    Path spec = Path.of("spec");
    JsonNode newSpec = pod.get("spec");
    JsonNode oldSpec = old.get("spec");
    for (String list : List.of("containers", "initContainers")) {
      List<JsonNode> now = Json.items(newSpec, list);
      if (now.size() != Json.items(oldSpec, list).size()) {
        out.add(Errors.forbidden(spec.child(list), "pod updates may not add or remove containers"));
        return out;
      }
      for (int i = 0; i < now.size(); i++) {
        if (Json.str(now.get(i), "image").isEmpty()) {
          out.add(Errors.required(spec.child(list).index(i).child("image"), ""));
        }
      }
    }
    if (!activeDeadlineUpdate(out, newSpec, oldSpec, spec)) {
      return out;
    }
    onlyAddedTolerations(out, newSpec, oldSpec, spec.child("tolerations"));
    if (!Json.semanticEquals(mungedSpec(newSpec, oldSpec), oldSpec)) {
      out.add(
          Errors.forbidden(
              spec,
              "pod updates may not change fields other than `spec.containers[*].image`,"
                  + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                  + "`spec.tolerations` (only additions to existing tolerations),"
                  + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was"
                  + " previously negative)\n"
                  + SpecDiff.diff("core.PodSpec", oldSpec, mungedSpec(newSpec, oldSpec))));
    }
    return out;
  }

  /** Returns false when validation must stop (as Kubernetes returns early). */
  private static boolean activeDeadlineUpdate(
      List<FieldError> out, JsonNode newSpec, JsonNode oldSpec, Path spec) {
    Path p = spec.child("activeDeadlineSeconds");
    if (Json.has(newSpec, "activeDeadlineSeconds")) {
      long now = Json.num(newSpec, "activeDeadlineSeconds", 0);
      if (now < 0 || now > Integer.MAX_VALUE) {
        out.add(Errors.invalid(p, now, Names.inclusiveRangeError(0, Integer.MAX_VALUE)));
        return false;
      }
      if (Json.has(oldSpec, "activeDeadlineSeconds")
          && Json.num(oldSpec, "activeDeadlineSeconds", 0) < now) {
        out.add(Errors.invalid(p, now, "must be less than or equal to previous value"));
        return false;
      }
    } else if (Json.has(oldSpec, "activeDeadlineSeconds")) {
      out.add(Errors.invalid(p, null, "must not update from a positive integer to nil value"));
    }
    return true;
  }

  private static void onlyAddedTolerations(
      List<FieldError> out, JsonNode newSpec, JsonNode oldSpec, Path p) {
    List<ObjectNode> now = Json.objects(newSpec, "tolerations");
    for (ObjectNode before : Json.objects(oldSpec, "tolerations")) {
      boolean found = false;
      for (ObjectNode candidate : now) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = candidate.deepCopy();
        a.remove("tolerationSeconds");
        b.remove("tolerationSeconds");
        if (Json.semanticEquals(a, b)) {
          found = true;
          break;
        }
      }
      if (!found) {
        out.add(
            Errors.forbidden(
                p, "existing toleration can not be modified except its tolerationSeconds"));
        return;
      }
    }
    tolerations(out, now, p);
  }

  /** The new spec with every field a Pod update may change reset to the old value. */
  private static JsonNode mungedSpec(JsonNode newSpec, JsonNode oldSpec) {
    ObjectNode m = newSpec == null ? Json.NODES.objectNode() : (ObjectNode) newSpec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> now = Json.objects(m, list);
      List<ObjectNode> before = Json.objects(oldSpec, list);
      for (int i = 0; i < now.size() && i < before.size(); i++) {
        if (before.get(i).has("image")) {
          now.get(i).set("image", before.get(i).get("image").deepCopy());
        } else {
          now.get(i).remove("image");
        }
      }
    }
    for (String f : List.of("activeDeadlineSeconds", "schedulingGates", "tolerations")) {
      JsonNode before = oldSpec == null ? null : oldSpec.get(f);
      if (before == null) {
        m.remove(f);
      } else {
        m.set(f, before.deepCopy());
      }
    }
    if (Json.num(oldSpec, "terminationGracePeriodSeconds", 0) < 0
        && Json.num(m, "terminationGracePeriodSeconds", 0) == 1) {
      m.set("terminationGracePeriodSeconds", oldSpec.get("terminationGracePeriodSeconds"));
    }
    return m;
  }

  /** {@code ValidatePodTemplateSpec} for a template at {@code p}. */
  static void template(List<FieldError> out, JsonNode template, Path p) {
    JsonNode meta = template == null ? null : template.get("metadata");
    MetaValidation.labels(out, Json.stringMap(meta, "labels"), p.child("labels"));
    MetaValidation.annotations(out, Json.stringMap(meta, "annotations"), p.child("annotations"));
    JsonNode spec = template == null ? null : template.get("spec");
    podSpec(out, spec, p.child("spec"), Options.TEMPLATE);
    if (!Json.items(spec, "ephemeralContainers").isEmpty()) {
      out.add(
          Errors.forbidden(
              p.child("spec", "ephemeralContainers"),
              "ephemeral containers not allowed in pod template"));
    }
  }

  /** {@code ValidatePodSpec}. */
  static void podSpec(List<FieldError> out, JsonNode spec, Path p, Options opts) {
    if (!Json.has(spec, "terminationGracePeriodSeconds")) {
      out.add(Errors.required(p.child("terminationGracePeriodSeconds"), ""));
    }
    Long grace =
        Json.has(spec, "terminationGracePeriodSeconds")
            ? Json.num(spec, "terminationGracePeriodSeconds", 0)
            : null;
    Map<String, JsonNode> volumes = VolumeValidation.volumes(out, spec, p.child("volumes"));
    Containers.regular(out, spec, volumes, grace, p.child("containers"));
    Containers.init(out, spec, volumes, grace, p.child("initContainers"));
    hostNetworkPorts(out, spec, p, opts);
    restartPolicy(out, Json.str(spec, "restartPolicy"), p.child("restartPolicy"));
    dnsPolicy(out, Json.str(spec, "dnsPolicy"), p.child("dnsPolicy"));
    MetaValidation.labels(out, Json.stringMap(spec, "nodeSelector"), p.child("nodeSelector"));
    SecurityValidation.podSecurityContext(out, spec, p.child("securityContext"));
    imagePullSecrets(out, spec, p.child("imagePullSecrets"));
    // TODO: affinity, resource claims, Windows options and resize policies are not validated.
    // Malformed node/pod affinity terms are stored as given instead of being rejected.
    dnsConfig(out, spec, p.child("dnsConfig"));
    readinessGates(out, spec, p.child("readinessGates"));
    schedulingGates(out, spec, p.child("schedulingGates"));
    topologySpread(out, spec, p.child("topologySpreadConstraints"));
    subdomainField(out, spec, "serviceAccountName", p);
    subdomainField(out, spec, "nodeName", p);
    if (Json.has(spec, "activeDeadlineSeconds")) {
      long v = Json.num(spec, "activeDeadlineSeconds", 0);
      if (v < 1 || v > Integer.MAX_VALUE) {
        out.add(Errors.invalid(p.child("activeDeadlineSeconds"), v, RANGE_INT32));
      }
    }
    for (String f : List.of("hostname", "subdomain")) {
      String v = Json.str(spec, f);
      if (!v.isEmpty()) {
        Errors.invalidEach(out, p.child(f), v, Names.dns1123Label(v));
      }
    }
    tolerations(out, Json.objects(spec, "tolerations"), p.child("tolerations"));
    hostAliases(out, spec, p.child("hostAliases"));
    subdomainField(out, spec, "priorityClassName", p);
    if (Json.has(spec, "runtimeClassName")) {
      String v = Json.str(spec, "runtimeClassName");
      Errors.invalidEach(out, p.child("runtimeClassName"), v, Names.dns1123Subdomain(v));
    }
    if (Json.has(spec, "preemptionPolicy")) {
      oneOf(
          out,
          Json.str(spec, "preemptionPolicy"),
          p.child("preemptionPolicy"),
          List.of("PreemptLowerPriority", "Never"));
    }
    os(out, spec, p.child("os"));
  }

  private static void subdomainField(List<FieldError> out, JsonNode spec, String f, Path p) {
    String v = Json.str(spec, f);
    if (!v.isEmpty()) {
      Errors.invalidEach(out, p.child(f), v, Names.dns1123Subdomain(v));
    }
  }

  /** Required when empty, NotSupported (with the list in the order given) when unknown. */
  static void oneOf(List<FieldError> out, String value, Path p, List<String> valid) {
    if (value.isEmpty()) {
      out.add(Errors.required(p, ""));
    } else if (!valid.contains(value)) {
      out.add(Errors.notSupported(p, value, valid));
    }
  }

  static void restartPolicy(List<FieldError> out, String v, Path p) {
    oneOf(out, v, p, List.of("Always", "OnFailure", "Never"));
  }

  private static void dnsPolicy(List<FieldError> out, String v, Path p) {
    oneOf(out, v, p, List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"));
  }

  /** With hostNetwork, a host port must equal its container port (0 is allowed in templates). */
  private static void hostNetworkPorts(List<FieldError> out, JsonNode spec, Path p, Options o) {
    if (!Json.bool(spec, "hostNetwork")) {
      return;
    }
    List<JsonNode> cs = Json.items(spec, "containers");
    for (int i = 0; i < cs.size(); i++) {
      List<JsonNode> ports = Json.items(cs.get(i), "ports");
      for (int j = 0; j < ports.size(); j++) {
        long hp = Json.num(ports.get(j), "hostPort", 0);
        long cp = Json.num(ports.get(j), "containerPort", 0);
        if ((o.resourceIsPod() || hp != 0) && hp != cp) {
          out.add(
              Errors.invalid(
                  p.child("containers").index(i).child("ports").index(j).child("hostPort"),
                  hp,
                  "must match `containerPort` when `hostNetwork` is true"));
        }
      }
    }
  }

  private static void imagePullSecrets(List<FieldError> out, JsonNode spec, Path p) {
    List<JsonNode> secrets = Json.items(spec, "imagePullSecrets");
    for (int i = 0; i < secrets.size(); i++) {
      JsonNode s = secrets.get(i);
      Set<String> fields = new HashSet<>(s.propertyNames());
      fields.remove("name");
      if (!fields.isEmpty()) {
        out.add(
            Errors.invalid(
                p.index(i),
                GoFmt.literal(
                    "core.LocalObjectReference{Name:" + GoFmt.quote(Json.str(s, "name")) + "}"),
                "only name may be set"));
      }
    }
  }

  private static void dnsConfig(List<FieldError> out, JsonNode spec, Path p) {
    JsonNode cfg = Json.obj(spec, "dnsConfig");
    if (Json.str(spec, "dnsPolicy").equals("None")) {
      if (cfg == null) {
        out.add(Errors.required(p, "must provide `dnsConfig` when `dnsPolicy` is None"));
        return;
      }
      if (Json.items(cfg, "nameservers").isEmpty()) {
        out.add(
            Errors.required(
                p.child("nameservers"),
                "must provide at least one DNS nameserver when `dnsPolicy` is None"));
        return;
      }
    }
    if (cfg == null) {
      return;
    }
    List<String> servers = Json.strings(cfg, "nameservers");
    if (servers.size() > 3) {
      out.add(
          Errors.invalid(p.child("nameservers"), servers, "must not have more than 3 nameservers"));
    }
    for (int i = 0; i < servers.size(); i++) {
      if (!Names.isIp(servers.get(i))) {
        out.add(Errors.invalid(p.child("nameservers").index(i), servers.get(i), Names.INVALID_IP));
      }
    }
    List<String> searches = Json.strings(cfg, "searches");
    if (searches.size() > 32) {
      out.add(
          Errors.invalid(p.child("searches"), searches, "must not have more than 32 search paths"));
    }
    if (String.join(" ", searches).length() > 2048) {
      out.add(
          Errors.invalid(
              p.child("searches"),
              searches,
              "must not have more than 2048 characters (including spaces) in the search list"));
    }
    for (int i = 0; i < searches.size(); i++) {
      String s = searches.get(i);
      if (s.equals(".")) {
        continue;
      }
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
      Errors.invalidEach(out, p.child("searches").index(i), s, Names.dns1123Subdomain(s));
    }
    List<JsonNode> options = Json.items(cfg, "options");
    for (int i = 0; i < options.size(); i++) {
      if (Json.str(options.get(i), "name").isEmpty()) {
        out.add(Errors.required(p.child("options").index(i), "must not be empty"));
      }
    }
  }

  private static void readinessGates(List<FieldError> out, JsonNode spec, Path p) {
    List<JsonNode> gates = Json.items(spec, "readinessGates");
    for (int i = 0; i < gates.size(); i++) {
      String t = Json.str(gates.get(i), "conditionType");
      Errors.invalidEach(out, p.index(i).child("conditionType"), t, Names.qualifiedName(t));
    }
  }

  private static void schedulingGates(List<FieldError> out, JsonNode spec, Path p) {
    Set<String> seen = new HashSet<>();
    List<JsonNode> gates = Json.items(spec, "schedulingGates");
    for (int i = 0; i < gates.size(); i++) {
      String name = Json.str(gates.get(i), "name");
      Errors.invalidEach(out, p.index(i), name, Names.qualifiedName(name));
      if (!seen.add(name)) {
        out.add(Errors.duplicate(p.index(i), name));
      }
    }
  }

  private static void topologySpread(List<FieldError> out, JsonNode spec, Path p) {
    List<JsonNode> cs = Json.items(spec, "topologySpreadConstraints");
    for (int i = 0; i < cs.size(); i++) {
      JsonNode c = cs.get(i);
      Path ip = p.index(i);
      long skew = Json.num(c, "maxSkew", 0);
      if (skew <= 0) {
        out.add(Errors.invalid(ip.child("maxSkew"), skew, "must be greater than zero"));
      }
      if (Json.str(c, "topologyKey").isEmpty()) {
        out.add(Errors.required(ip.child("topologyKey"), "can not be empty"));
      }
      String when = Json.str(c, "whenUnsatisfiable");
      if (!when.equals("DoNotSchedule") && !when.equals("ScheduleAnyway")) {
        out.add(
            Errors.notSupported(
                ip.child("whenUnsatisfiable"), when, List.of("DoNotSchedule", "ScheduleAnyway")));
      }
    }
  }

  /** {@code ValidateTolerations}. */
  static void tolerations(List<FieldError> out, List<ObjectNode> tolerations, Path p) {
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      Path ip = p.index(i);
      String key = Json.str(t, "key");
      String op = Json.str(t, "operator");
      String effect = Json.str(t, "effect");
      String value = Json.str(t, "value");
      if (!key.isEmpty()) {
        Errors.invalidEach(out, ip.child("key"), key, Names.qualifiedName(key));
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        out.add(
            Errors.invalid(
                ip.child("operator"),
                op,
                "operator must be Exists when `key` is empty, which means \"match all values and"
                    + " all keys\""));
      }
      if (Json.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        out.add(
            Errors.invalid(
                ip.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (op) {
        case "Equal", "" -> {
          List<String> errs = Names.labelValue(value);
          if (!errs.isEmpty()) {
            out.add(Errors.invalid(ip.child("operator"), value, String.join(";", errs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            out.add(
                Errors.invalid(
                    ip.child("operator"),
                    value,
                    "value must be empty when `operator` is 'Exists'"));
          }
        }
        default ->
            out.add(Errors.notSupported(ip.child("operator"), op, List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty()) {
        taintEffect(out, effect, ip.child("effect"));
      }
    }
  }

  static void taintEffect(List<FieldError> out, String effect, Path p) {
    List<String> valid = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    if (!valid.contains(effect)) {
      out.add(Errors.notSupported(p, effect, valid));
    }
  }

  private static void hostAliases(List<FieldError> out, JsonNode spec, Path p) {
    List<JsonNode> aliases = Json.items(spec, "hostAliases");
    for (int i = 0; i < aliases.size(); i++) {
      String ip = Json.str(aliases.get(i), "ip");
      if (!Names.isIp(ip)) {
        out.add(Errors.invalid(p.index(i).child("ip"), ip, Names.INVALID_IP));
      }
      List<String> hostnames = Json.strings(aliases.get(i), "hostnames");
      for (int j = 0; j < hostnames.size(); j++) {
        String h = hostnames.get(j);
        Errors.invalidEach(
            out, p.index(i).child("hostnames").index(j), h, Names.dns1123Subdomain(h));
      }
    }
  }

  private static void os(List<FieldError> out, JsonNode spec, Path p) {
    JsonNode os = Json.obj(spec, "os");
    if (os == null) {
      return;
    }
    String name = Json.str(os, "name");
    if (name.isEmpty()) {
      out.add(Errors.required(p.child("name"), ""));
    } else if (!name.equals("linux") && !name.equals("windows")) {
      out.add(Errors.notSupported(p.child("name"), name, List.of("linux", "windows")));
    }
  }
}
