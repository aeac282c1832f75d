package dev.kc.controlplane.admission;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults for HorizontalPodAutoscalers, mirroring {@code pkg/apis/autoscaling/v{1,2}/defaults.go}
 * as of 1.32. Every method is idempotent.
 */
final class HpaDefaults {

  private HpaDefaults() {}

  /**
   * autoscaling/v1: minReplicas 1 and a CPU target of 80%. Kubernetes stores HPAs as v2 and adds
   * the 80% CPU metric when reading them back, so every v1 read shows 80; defaulting it here gives
   * the same object.
   */
  static void v1(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultNum(spec, "minReplicas", 1);
    Json.defaultNum(spec, "targetCPUUtilizationPercentage", 80);
  }

  /**
   * autoscaling/v2: minReplicas 1, a CPU utilization metric of 80% when no metric is given, and,
   * only when a behavior block is present, the scale-up and scale-down rules the controller would
   * otherwise assume.
   */
  static void v2(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultNum(spec, "minReplicas", 1);
    if (Json.items(spec, "metrics").isEmpty()) {
      ObjectNode metric = spec.putArray("metrics").addObject();
      metric.put("type", "Resource");
      ObjectNode resource = metric.putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target = resource.putObject("target");
      target.put("type", "Utilization");
      target.put("averageUtilization", 80);
    }
    ObjectNode behavior = Json.obj(spec, "behavior");
    if (behavior != null) {
      scalingRules(Json.objOrCreate(behavior, "scaleUp"), true);
      scalingRules(Json.objOrCreate(behavior, "scaleDown"), false);
    }
  }

  /**
   * Fills unset rule fields: scale-up allows 4 pods or 100% per 15 s with no stabilization;
   * scale-down allows 100% per 15 s and leaves the stabilization window to the controller.
   */
  private static void scalingRules(ObjectNode rules, boolean up) {
    if (up) {
      Json.defaultNum(rules, "stabilizationWindowSeconds", 0);
    }
    Json.defaultStr(rules, "selectPolicy", "Max");
    if (!Json.has(rules, "policies")) {
      ArrayNode policies = rules.putArray("policies");
      if (up) {
        policy(policies, "Pods", 4);
      }
      policy(policies, "Percent", 100);
    }
  }

  private static void policy(ArrayNode policies, String type, int value) {
    ObjectNode p = policies.addObject();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", 15);
  }
}
