package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.Names.NameRule;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * apps/v1 validation, ported from {@code pkg/apis/apps/validation/validation.go} and the update
 * rules of the apps registry strategies (selector immutability, StatefulSet's mutable fields).
 */
final class AppsValidation {

  private AppsValidation() {}

  // TODO: Kubernetes also returns warnings (not errors) for workload names that are not DNS
  // labels ("metadata.name: a DNS label is recommended: ..."); this package has no warnings
  // channel.
  static List<FieldError> deployment(JsonNode obj, JsonNode old) {
    List<FieldError> out = meta(obj, old, NameRule.DNS_SUBDOMAIN);
    JsonNode spec = obj.get("spec");
    Path p = Path.of("spec");
    Errors.nonNegative(out, Json.num(spec, "replicas", 0), p.child("replicas"));
    JsonNode selector = selector(out, spec, p, "deployment", true);
    replicaSetTemplate(out, spec, selector, p.child("template"), "ReplicaSet");
    strategy(out, Json.obj(spec, "strategy"), p.child("strategy"));
    Errors.nonNegative(out, Json.num(spec, "minReadySeconds", 0), p.child("minReadySeconds"));
    if (Json.has(spec, "revisionHistoryLimit")) {
      Errors.nonNegative(
          out, Json.num(spec, "revisionHistoryLimit", 0), p.child("revisionHistoryLimit"));
    }
    if (Json.has(spec, "progressDeadlineSeconds")) {
      long deadline = Json.num(spec, "progressDeadlineSeconds", 0);
      Errors.nonNegative(out, deadline, p.child("progressDeadlineSeconds"));
      if (deadline <= Json.num(spec, "minReadySeconds", 0)) {
        out.add(
            Errors.invalid(
                p.child("progressDeadlineSeconds"),
                deadline,
                "must be greater than minReadySeconds"));
      }
    }
    selectorImmutable(out, obj, old);
    return out;
  }

  static List<FieldError> replicaSet(JsonNode obj, JsonNode old) {
    List<FieldError> out = meta(obj, old, NameRule.DNS_SUBDOMAIN);
    JsonNode spec = obj.get("spec");
    Path p = Path.of("spec");
    Errors.nonNegative(out, Json.num(spec, "replicas", 0), p.child("replicas"));
    Errors.nonNegative(out, Json.num(spec, "minReadySeconds", 0), p.child("minReadySeconds"));
    // Kubernetes says "deployment" here too.
    JsonNode selector = selector(out, spec, p, "deployment", true);
    replicaSetTemplate(out, spec, selector, p.child("template"), "ReplicaSet");
    selectorImmutable(out, obj, old);
    return out;
  }

  static List<FieldError> statefulSet(JsonNode obj, JsonNode old) {
    List<FieldError> out = meta(obj, old, NameRule.DNS_LABEL);
    JsonNode spec = obj.get("spec");
    Path p = Path.of("spec");
    String policy = Json.str(spec, "podManagementPolicy");
    if (policy.isEmpty()) {
      out.add(Errors.required(p.child("podManagementPolicy"), ""));
    } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
      out.add(
          Errors.invalid(
              p.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"));
    }
    statefulSetStrategy(out, Json.obj(spec, "updateStrategy"), p.child("updateStrategy"));
    JsonNode retention = Json.obj(spec, "persistentVolumeClaimRetentionPolicy");
    if (retention != null) {
      for (String f : List.of("whenDeleted", "whenScaled")) {
        String v = Json.str(retention, f);
        if (!v.equals("Retain") && !v.equals("Delete")) {
          out.add(
              Errors.notSupported(
                  p.child("persistentVolumeClaimRetentionPolicy", f),
                  v,
                  List.of("Retain", "Delete")));
        }
      }
    }
    Errors.nonNegative(out, Json.num(spec, "replicas", 0), p.child("replicas"));
    Errors.nonNegative(out, Json.num(spec, "minReadySeconds", 0), p.child("minReadySeconds"));
    JsonNode ordinals = Json.obj(spec, "ordinals");
    if (ordinals != null) {
      Errors.nonNegative(out, Json.num(ordinals, "start", 0), p.child("ordinals.start"));
    }
    JsonNode selector = selector(out, spec, p, "statefulset", true);
    Path tp = p.child("template");
    JsonNode template = Json.obj(spec, "template");
    if (!Selectors.isUnparsable(selector)) {
      // StatefulSets only check the template's labels and annotations, not its pod spec.
      templateMatchesSelector(out, selector, template, tp);
      JsonNode meta = Json.obj(template, "metadata");
      MetaValidation.labels(out, Json.stringMap(meta, "labels"), tp.child("labels"));
      MetaValidation.annotations(out, Json.stringMap(meta, "annotations"), tp.child("annotations"));
    }
    templateRestartPolicy(out, template, tp, "StatefulSet");
    if (old != null) {
      statefulSetUpdate(out, spec, old.get("spec"));
    }
    return out;
  }

  /** Only replicas, ordinals, template, updateStrategy, PVC retention and minReadySeconds. */
  private static void statefulSetUpdate(List<FieldError> out, JsonNode spec, JsonNode oldSpec) {
    ObjectNode now = spec == null ? Json.NODES.objectNode() : (ObjectNode) spec.deepCopy();
    ObjectNode before = oldSpec == null ? Json.NODES.objectNode() : (ObjectNode) oldSpec.deepCopy();
    for (String f :
        List.of(
            "replicas",
            "template",
            "updateStrategy",
            "minReadySeconds",
            "ordinals",
            "persistentVolumeClaimRetentionPolicy")) {
      now.remove(f);
      before.remove(f);
    }
    if (!Json.semanticEquals(now, before)) {
      out.add(
          Errors.forbidden(
              Path.of("spec"),
              "updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                  + " 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and"
                  + " 'minReadySeconds' are forbidden"));
    }
  }

  static List<FieldError> daemonSet(JsonNode obj, JsonNode old) {
    List<FieldError> out = meta(obj, old, NameRule.DNS_SUBDOMAIN);
    JsonNode spec = obj.get("spec");
    Path p = Path.of("spec");
    JsonNode selector = spec == null ? null : spec.get("selector");
    Selectors.validate(out, selector, p.child("selector"));
    JsonNode template = Json.obj(spec, "template");
    Path tp = p.child("template");
    if (!Selectors.isUnparsable(selector)) {
      templateMatchesSelector(out, selector, template, tp);
    }
    if (Selectors.isEmpty(selector)) {
      out.add(
          Errors.invalid(
              p.child("selector"),
              Selectors.render(selector),
              "empty selector is invalid for daemonset"));
    }
    PodValidation.template(out, template, tp);
    templateRestartPolicy(out, template, tp, "DaemonSet");
    Errors.nonNegative(out, Json.num(spec, "minReadySeconds", 0), p.child("minReadySeconds"));
    daemonSetStrategy(out, Json.obj(spec, "updateStrategy"), p.child("updateStrategy"));
    if (Json.has(spec, "revisionHistoryLimit")) {
      Errors.nonNegative(
          out, Json.num(spec, "revisionHistoryLimit", 0), p.child("revisionHistoryLimit"));
    }
    selectorImmutable(out, obj, old);
    return out;
  }

  static List<FieldError> controllerRevision(JsonNode obj, JsonNode old) {
    List<FieldError> out =
        MetaValidation.objectMeta(obj.get("metadata"), true, NameRule.DNS_SUBDOMAIN);
    if (old != null) {
      out.addAll(0, MetaValidation.objectMetaUpdate(obj.get("metadata"), old.get("metadata")));
    }
    if (!Json.has(obj, "data")) {
      out.add(Errors.required(Path.of("data"), "data is mandatory"));
    }
    Errors.nonNegative(out, Json.num(obj, "revision", 0), Path.of("revision"));
    if (old != null && !Json.semanticEquals(obj.get("data"), old.get("data"))) {
      out.add(
          Errors.invalid(
              Path.of("data"), GoFmt.literal("runtime.RawExtension{...}"), "field is immutable"));
    }
    return out;
  }

  /** Create: full object-meta rules. Update: the meta-update rules only, as Kubernetes does. */
  private static List<FieldError> meta(JsonNode obj, JsonNode old, NameRule rule) {
    if (old == null) {
      return MetaValidation.objectMeta(obj.get("metadata"), true, rule);
    }
    return MetaValidation.objectMetaUpdate(obj.get("metadata"), old.get("metadata"));
  }

  /**
   * The selector rules shared by Deployment, ReplicaSet and StatefulSet: required, valid, not
   * empty, parsable. Returns the selector (null when absent).
   */
  private static JsonNode selector(
      List<FieldError> out, JsonNode spec, Path p, String kindWord, boolean checkParsable) {
    JsonNode selector = Json.obj(spec, "selector");
    Path sp = p.child("selector");
    if (selector == null) {
      out.add(Errors.required(sp, ""));
    } else {
      Selectors.validate(out, selector, sp);
      if (Selectors.isEmpty(selector)) {
        String msg =
            kindWord.equals("statefulset")
                ? "empty selector is invalid for statefulset"
                : "empty selector is invalid for " + kindWord;
        out.add(Errors.invalid(sp, Selectors.render(selector), msg));
      }
    }
    if (checkParsable && Selectors.isUnparsable(selector) && !kindWord.equals("statefulset")) {
      out.add(Errors.invalid(sp, Selectors.render(selector), "invalid label selector"));
    } else if (checkParsable && Selectors.isUnparsable(selector)) {
      out.add(Errors.invalid(sp, Selectors.render(selector), ""));
    }
    return selector;
  }

  /** {@code ValidatePodTemplateSpecForReplicaSet}. */
  private static void replicaSetTemplate(
      List<FieldError> out, JsonNode spec, JsonNode selector, Path tp, String owner) {
    if (Selectors.isUnparsable(selector)) {
      return;
    }
    JsonNode template = Json.obj(spec, "template");
    templateMatchesSelector(out, selector, template, tp);
    PodValidation.template(out, template, tp);
    templateRestartPolicy(out, template, tp, owner);
  }

  /**
   * The template's labels must be selected. A missing selector selects nothing (so this fails too,
   * as in Kubernetes); an empty selector selects everything and is reported elsewhere.
   */
  private static void templateMatchesSelector(
      List<FieldError> out, JsonNode selector, JsonNode template, Path tp) {
    if (Selectors.isEmpty(selector)) {
      return;
    }
    Map<String, String> labels = Json.stringMap(Json.obj(template, "metadata"), "labels");
    if (!Selectors.matches(selector, labels)) {
      out.add(
          Errors.invalid(
              tp.child("metadata", "labels"),
              GoFmt.literal(GoFmt.stringMap(labels)),
              "`selector` does not match template `labels`"));
    }
  }

  /** Workload templates must restart always and may not set an active deadline. */
  private static void templateRestartPolicy(
      List<FieldError> out, JsonNode template, Path tp, String owner) {
    JsonNode spec = Json.obj(template, "spec");
    String rp = Json.str(spec, "restartPolicy");
    if (!rp.equals("Always")) {
      out.add(Errors.notSupported(tp.child("spec", "restartPolicy"), rp, List.of("Always")));
    }
    if (Json.has(spec, "activeDeadlineSeconds")) {
      out.add(
          Errors.forbidden(
              tp.child("spec", "activeDeadlineSeconds"),
              "activeDeadlineSeconds in " + owner + " is not Supported"));
    }
  }

  /** In apps/v1 a workload's selector may never change. */
  private static void selectorImmutable(List<FieldError> out, JsonNode obj, JsonNode old) {
    if (old == null) {
      return;
    }
    JsonNode now = Json.obj(obj.get("spec"), "selector");
    JsonNode before = Json.obj(old.get("spec"), "selector");
    Errors.immutable(out, now, before, Selectors.render(now), Path.of("spec", "selector"));
  }

  private static void strategy(List<FieldError> out, JsonNode strategy, Path p) {
    String type = Json.str(strategy, "type");
    JsonNode rolling = Json.obj(strategy, "rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (rolling != null) {
          out.add(
              Errors.forbidden(
                  p.child("rollingUpdate"),
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (rolling == null) {
          out.add(
              Errors.required(
                  p.child("rollingUpdate"), "this should be defaulted and never be nil"));
        } else {
          rollingUpdateDeployment(out, rolling, p.child("rollingUpdate"));
        }
      }
      default ->
          out.add(
              Errors.notSupported(
                  p,
                  GoFmt.literal(
                      "apps.DeploymentStrategy{Type:"
                          + GoFmt.quote(type)
                          + ", RollingUpdate:"
                          + pointer("apps.RollingUpdateDeployment", rolling)
                          + "}"),
                  List.of("Recreate", "RollingUpdate")));
    }
  }

  private static void rollingUpdateDeployment(List<FieldError> out, JsonNode r, Path p) {
    JsonNode maxUnavailable = r.get("maxUnavailable");
    JsonNode maxSurge = r.get("maxSurge");
    IntOrPercent.positive(out, maxUnavailable, p.child("maxUnavailable"));
    IntOrPercent.positive(out, maxSurge, p.child("maxSurge"));
    if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
      out.add(
          Errors.invalid(
              p.child("maxUnavailable"),
              IntOrPercent.render(maxUnavailable),
              "may not be 0 when `maxSurge` is 0"));
    }
    IntOrPercent.notMoreThan100(out, maxUnavailable, p.child("maxUnavailable"));
  }

  private static void statefulSetStrategy(List<FieldError> out, JsonNode strategy, Path p) {
    String type = Json.str(strategy, "type");
    JsonNode rolling = Json.obj(strategy, "rollingUpdate");
    switch (type) {
      case "" -> out.add(Errors.required(p, ""));
      case "OnDelete" -> {
        if (rolling != null) {
          out.add(
              Errors.invalid(
                  p.child("rollingUpdate"),
                  GoFmt.literal(
                      "apps.RollingUpdateStatefulSetStrategy{Partition:"
                          + Json.num(rolling, "partition", 0)
                          + ", MaxUnavailable:"
                          + pointer("intstr.IntOrString", rolling.get("maxUnavailable"))
                          + "}"),
                  "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> {
        if (rolling != null) {
          Path rp = p.child("rollingUpdate");
          Errors.nonNegative(out, Json.num(rolling, "partition", 0), rp.child("partition"));
          JsonNode maxUnavailable = rolling.get("maxUnavailable");
          if (maxUnavailable != null && !maxUnavailable.isNull()) {
            IntOrPercent.positive(out, maxUnavailable, rp.child("maxUnavailable"));
            if (IntOrPercent.value(maxUnavailable) == 0) {
              out.add(
                  Errors.invalid(
                      rp.child("maxUnavailable"),
                      IntOrPercent.render(maxUnavailable),
                      "cannot be 0"));
            }
            IntOrPercent.notMoreThan100(out, maxUnavailable, rp.child("maxUnavailable"));
          }
        }
      }
      default ->
          out.add(
              Errors.invalid(
                  p,
                  GoFmt.literal(
                      "apps.StatefulSetUpdateStrategy{Type:"
                          + GoFmt.quote(type)
                          + ", RollingUpdate:"
                          + pointer("apps.RollingUpdateStatefulSetStrategy", rolling)
                          + "}"),
                  "must be 'RollingUpdate' or 'OnDelete'"));
    }
  }

  private static void daemonSetStrategy(List<FieldError> out, JsonNode strategy, Path p) {
    String type = Json.str(strategy, "type");
    JsonNode rolling = Json.obj(strategy, "rollingUpdate");
    switch (type) {
      case "OnDelete" -> {}
      case "RollingUpdate" -> {
        if (rolling == null) {
          out.add(Errors.required(p.child("rollingUpdate"), ""));
          return;
        }
        Path rp = p.child("rollingUpdate");
        JsonNode maxUnavailable = rolling.get("maxUnavailable");
        JsonNode maxSurge = rolling.get("maxSurge");
        IntOrPercent.positive(out, maxUnavailable, rp.child("maxUnavailable"));
        IntOrPercent.positive(out, maxSurge, rp.child("maxSurge"));
        IntOrPercent.notMoreThan100(out, maxUnavailable, rp.child("maxUnavailable"));
        IntOrPercent.notMoreThan100(out, maxSurge, rp.child("maxSurge"));
        boolean hasUnavailable = IntOrPercent.value(maxUnavailable) != 0;
        boolean hasSurge = IntOrPercent.value(maxSurge) != 0;
        if (hasUnavailable && hasSurge) {
          out.add(
              Errors.invalid(
                  rp.child("maxSurge"),
                  IntOrPercent.render(maxSurge),
                  "may not be set when maxUnavailable is non-zero"));
        } else if (!hasUnavailable && !hasSurge) {
          out.add(Errors.required(rp.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
        }
      }
      default ->
          out.add(
              Errors.notSupported(
                  p,
                  GoFmt.literal(
                      "apps.DaemonSetUpdateStrategy{Type:"
                          + GoFmt.quote(type)
                          + ", RollingUpdate:"
                          + pointer("apps.RollingUpdateDaemonSet", rolling)
                          + "}"),
                  List.of("RollingUpdate", "OnDelete")));
    }
  }

  /** Go's {@code %#v} of a pointer field: a typed nil, or an (illustrative) address. */
  private static String pointer(String type, JsonNode value) {
    return value == null || value.isNull()
        ? "(*" + type + ")(nil)"
        : "(*" + type + ")(0xc000000000)";
  }
}
