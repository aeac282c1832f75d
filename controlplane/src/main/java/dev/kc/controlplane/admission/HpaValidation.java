package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.Names.NameRule;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HorizontalPodAutoscaler validation, ported from {@code pkg/apis/autoscaling/validation} (1.32,
 * HPAScaleToZero off). Kubernetes validates the internal (v2-shaped) object, so an autoscaling/v1
 * object is first viewed as v2: its {@code targetCPUUtilizationPercentage} becomes a CPU resource
 * metric and errors about it carry v2 paths ({@code spec.metrics[0].resource.target...}), exactly
 * as a real server reports them.
 */
final class HpaValidation {

  private static final List<String> METRIC_TYPES =
      List.of("ContainerResource", "External", "Object", "Pods", "Resource");
  private static final List<String> SELECT_POLICIES = List.of("Disabled", "Max", "Min");
  private static final List<String> POLICY_TYPES = List.of("Percent", "Pods");

  private HpaValidation() {}

  static List<FieldError> v1(JsonNode hpa, JsonNode old) {
    return v2(asV2(hpa), old == null ? null : asV2(old));
  }

  /** The v2 view of a v1 HPA, as Kubernetes' conversion to the internal type builds it. */
  private static JsonNode asV2(JsonNode v1) {
    ObjectNode v2 = (ObjectNode) v1.deepCopy();
    ObjectNode spec = Json.obj(v2, "spec");
    if (spec != null && Json.has(spec, "targetCPUUtilizationPercentage")) {
      ObjectNode target =
          spec.putArray("metrics")
              .addObject()
              .put("type", "Resource")
              .putObject("resource")
              .put("name", "cpu")
              .putObject("target");
      target.put("type", "Utilization");
      target.set("averageUtilization", spec.get("targetCPUUtilizationPercentage"));
      spec.remove("targetCPUUtilizationPercentage");
    }
    return v2;
  }

  static List<FieldError> v2(JsonNode hpa, JsonNode old) {
    List<FieldError> out =
        old == null
            ? MetaValidation.objectMeta(hpa.get("metadata"), true, NameRule.DNS_SUBDOMAIN)
            : MetaValidation.objectMetaUpdate(hpa.get("metadata"), old.get("metadata"));
    JsonNode spec = Json.obj(hpa, "spec");
    Path p = Path.of("spec");
    boolean wasZero = old != null && Json.num(Json.obj(old, "spec"), "minReplicas", 1) == 0;
    long lowerBound = wasZero ? 0 : 1;
    long max = Json.num(spec, "maxReplicas", 0);
    Long min = Json.has(spec, "minReplicas") ? Json.num(spec, "minReplicas", 0) : null;
    if (min != null && min < lowerBound) {
      out.add(
          Errors.invalid(
              p.child("minReplicas"), min, "must be greater than or equal to " + lowerBound));
    }
    if (max < 1) {
      out.add(Errors.invalid(p.child("maxReplicas"), max, "must be greater than 0"));
    }
    if (min != null && max < min) {
      out.add(
          Errors.invalid(
              p.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`"));
    }
    crossVersionRef(out, Json.obj(spec, "scaleTargetRef"), p.child("scaleTargetRef"));
    metrics(out, spec, p.child("metrics"), min);
    behavior(out, Json.obj(spec, "behavior"), p.child("behavior"));
    return out;
  }

  private static void crossVersionRef(List<FieldError> out, JsonNode ref, Path p) {
    for (String f : List.of("kind", "name")) {
      String v = Json.str(ref, f);
      if (v.isEmpty()) {
        out.add(Errors.required(p.child(f), ""));
      } else {
        Errors.invalidEach(out, p.child(f), v, Names.pathSegmentName(v));
      }
    }
  }

  private static void metrics(List<FieldError> out, JsonNode spec, Path p, Long min) {
    boolean objectOrExternal = false;
    List<JsonNode> metrics = Json.items(spec, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode m = metrics.get(i);
      metric(out, m, p.index(i));
      String type = Json.str(m, "type");
      objectOrExternal |= type.equals("Object") || type.equals("External");
    }
    if (min != null && min == 0 && !objectOrExternal) {
      out.add(
          Errors.forbidden(
              p,
              "must specify at least one Object or External metric to support scaling to zero"
                  + " replicas"));
    }
  }

  private static void metric(List<FieldError> out, JsonNode m, Path p) {
    String type = Json.str(m, "type");
    if (type.isEmpty()) {
      out.add(Errors.required(p.child("type"), "must specify a metric source type"));
    }
    if (!METRIC_TYPES.contains(type)) {
      out.add(Errors.notSupported(p.child("type"), type, METRIC_TYPES));
    }
    Set<String> present = new LinkedHashSet<>();
    for (String source : List.of("object", "external", "pods", "resource", "containerResource")) {
      JsonNode s = Json.obj(m, source);
      if (s == null) {
        continue;
      }
      present.add(source);
      if (present.size() == 1) {
        source(out, source, s, p.child(source));
      }
    }
    String expected =
        switch (type) {
          case "Object" -> "object";
          case "Pods" -> "pods";
          case "Resource" -> "resource";
          case "External" -> "external";
          case "ContainerResource" -> "containerResource";
          default -> null;
        };
    if (expected == null) {
      out.add(Errors.notSupported(p.child("type"), type, METRIC_TYPES));
    } else if (!present.contains(expected)) {
      out.add(
          Errors.required(
              p.child(expected), "must populate information for the given metric source"));
    }
    if (present.size() != 1) {
      present.remove(expected);
      for (String extra : present) {
        out.add(Errors.forbidden(p.child(extra), "must populate the given metric source only"));
      }
    }
  }

  private static void source(List<FieldError> out, String kind, JsonNode s, Path p) {
    JsonNode target = Json.obj(s, "target");
    Path tp = p.child("target");
    switch (kind) {
      case "object" -> {
        crossVersionRef(out, Json.obj(s, "describedObject"), p.child("describedObject"));
        metricIdentifier(out, Json.obj(s, "metric"), p.child("metric"));
        metricTarget(out, target, tp);
        if (!Json.has(target, "value") && !Json.has(target, "averageValue")) {
          out.add(
              Errors.required(
                  tp.child("averageValue"), "must set either a target value or averageValue"));
        }
      }
      case "external" -> {
        metricIdentifier(out, Json.obj(s, "metric"), p.child("metric"));
        metricTarget(out, target, tp);
        if (!Json.has(target, "value") && !Json.has(target, "averageValue")) {
          out.add(
              Errors.required(
                  tp.child("averageValue"),
                  "must set either a target value for metric or a per-pod target"));
        }
        if (Json.has(target, "value") && Json.has(target, "averageValue")) {
          out.add(
              Errors.forbidden(
                  tp.child("value"),
                  "may not set both a target value for metric and a per-pod target"));
        }
      }
      case "pods" -> {
        metricIdentifier(out, Json.obj(s, "metric"), p.child("metric"));
        metricTarget(out, target, tp);
        if (!Json.has(target, "averageValue")) {
          out.add(
              Errors.required(
                  tp.child("averageValue"), "must specify a positive target averageValue"));
        }
      }
      default -> resourceSource(out, kind, s, target, p, tp);
    }
  }

  private static void resourceSource(
      List<FieldError> out, String kind, JsonNode s, JsonNode target, Path p, Path tp) {
    String name = Json.str(s, "name");
    if (name.isEmpty()) {
      out.add(Errors.required(p.child("name"), "must specify a resource name"));
    } else if (kind.equals("containerResource")) {
      Resources.containerResourceName(out, name, p.child("name"));
    }
    if (kind.equals("containerResource")) {
      String container = Json.str(s, "container");
      if (container.isEmpty()) {
        out.add(Errors.required(p.child("container"), "must specify a container"));
      } else {
        Errors.invalidEach(out, p.child("container"), container, Names.dns1123Label(container));
      }
    }
    metricTarget(out, target, tp);
    boolean utilization = Json.has(target, "averageUtilization");
    boolean average = Json.has(target, "averageValue");
    if (!utilization && !average) {
      out.add(
          Errors.required(
              tp.child("averageUtilization"),
              "must set either a target raw value or a target utilization"));
    }
    if (utilization && average) {
      out.add(
          Errors.forbidden(
              tp.child("averageValue"),
              "may not set both a target raw value and a target utilization"));
    }
  }

  private static void metricTarget(List<FieldError> out, JsonNode t, Path p) {
    String type = Json.str(t, "type");
    if (type.isEmpty()) {
      out.add(Errors.required(p.child("type"), "must specify a metric target type"));
    }
    if (!List.of("Utilization", "Value", "AverageValue").contains(type)) {
      out.add(
          Errors.invalid(
              p.child("type"), type, "must be either Utilization, Value, or AverageValue"));
    }
    for (String f : List.of("value", "averageValue")) {
      Quantity q = Resources.quantity(t == null ? null : t.get(f));
      if (q != null && q.signum() != 1) {
        out.add(Errors.invalid(p.child(f), GoFmt.literal(q.canonical()), "must be positive"));
      }
    }
    if (Json.has(t, "averageUtilization")) {
      long u = Json.num(t, "averageUtilization", 0);
      if (u < 1) {
        out.add(Errors.invalid(p.child("averageUtilization"), u, "must be greater than 0"));
      }
    }
  }

  private static void metricIdentifier(List<FieldError> out, JsonNode id, Path p) {
    String name = Json.str(id, "name");
    if (name.isEmpty()) {
      out.add(Errors.required(p.child("name"), "must specify a metric name"));
    } else {
      Errors.invalidEach(out, p.child("name"), name, Names.pathSegmentName(name));
    }
  }

  private static void behavior(List<FieldError> out, JsonNode behavior, Path p) {
    if (behavior == null) {
      return;
    }
    for (String dir : List.of("scaleUp", "scaleDown")) {
      JsonNode rules = Json.obj(behavior, dir);
      if (rules != null) {
        scalingRules(out, rules, p.child(dir));
      }
    }
  }

  private static void scalingRules(List<FieldError> out, JsonNode rules, Path p) {
    if (Json.has(rules, "stabilizationWindowSeconds")) {
      long w = Json.num(rules, "stabilizationWindowSeconds", 0);
      if (w < 0) {
        out.add(
            Errors.invalid(
                p.child("stabilizationWindowSeconds"), w, "must be greater than or equal to zero"));
      }
      if (w > 3600) {
        out.add(
            Errors.invalid(
                p.child("stabilizationWindowSeconds"), w, "must be less than or equal to 3600"));
      }
    }
    if (Json.has(rules, "selectPolicy")) {
      String sp = Json.str(rules, "selectPolicy");
      if (!SELECT_POLICIES.contains(sp)) {
        out.add(Errors.notSupported(p.child("selectPolicy"), sp, SELECT_POLICIES));
      }
    }
    List<JsonNode> policies = Json.items(rules, "policies");
    if (policies.isEmpty()) {
      out.add(Errors.required(p.child("policies"), "must specify at least one Policy"));
    }
    for (int i = 0; i < policies.size(); i++) {
      JsonNode policy = policies.get(i);
      Path pp = p.child("policies").index(i);
      String type = Json.str(policy, "type");
      if (!POLICY_TYPES.contains(type)) {
        out.add(Errors.notSupported(pp.child("type"), type, POLICY_TYPES));
      }
      long value = Json.num(policy, "value", 0);
      if (value <= 0) {
        out.add(Errors.invalid(pp.child("value"), value, "must be greater than zero"));
      }
      long period = Json.num(policy, "periodSeconds", 0);
      if (period <= 0) {
        out.add(Errors.invalid(pp.child("periodSeconds"), period, "must be greater than zero"));
      }
      if (period > 1800) {
        out.add(
            Errors.invalid(
                pp.child("periodSeconds"), period, "must be less than or equal to 1800"));
      }
    }
  }
}
