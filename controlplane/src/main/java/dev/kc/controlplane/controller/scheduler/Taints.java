package dev.kc.controlplane.controller.scheduler;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Node taints and pod tolerations, with Kubernetes' matching rules. */
final class Taints {
  static final String NO_SCHEDULE = "NoSchedule";
  static final String NO_EXECUTE = "NoExecute";
  static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";

  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  private Taints() {}

  /** One taint of a node. */
  record Taint(String key, String value, String effect) {
    static Taint of(JsonNode t) {
      return new Taint(
          t.path("key").asString(""), t.path("value").asString(""), t.path("effect").asString(""));
    }

    /** How kube-scheduler names an untolerated taint in its messages: {@code {key: value}}. */
    String describe() {
      return "{" + key + ": " + value + "}";
    }
  }

  /** One toleration of a pod. */
  record Toleration(String key, String operator, String value, String effect) {
    static Toleration of(JsonNode t) {
      return new Toleration(
          t.path("key").asString(""),
          t.path("operator").asString(""),
          t.path("value").asString(""),
          t.path("effect").asString(""));
    }

    /**
     * Whether this toleration tolerates {@code taint}: an empty effect matches every effect, an
     * empty key (only valid with {@code Exists}) matches every key, {@code Exists} ignores the
     * value and {@code Equal} (the default operator) compares it.
     */
    boolean tolerates(Taint taint) {
      if (!effect.isEmpty() && !effect.equals(taint.effect())) {
        return false;
      }
      if (!key.isEmpty() && !key.equals(taint.key())) {
        return false;
      }
      return switch (operator) {
        case "Exists" -> true;
        case "", "Equal" -> value.equals(taint.value());
        default -> false;
      };
    }
  }

  static List<Taint> taintsOf(JsonNode node) {
    List<Taint> out = new ArrayList<>();
    for (JsonNode t : node.path("spec").path("taints")) {
      out.add(Taint.of(t));
    }
    return out;
  }

  static List<Toleration> tolerationsOf(JsonNode podSpec) {
    List<Toleration> out = new ArrayList<>();
    for (JsonNode t : podSpec.path("tolerations")) {
      out.add(Toleration.of(t));
    }
    return out;
  }

  static boolean isTolerated(Taint taint, List<Toleration> tolerations) {
    for (Toleration t : tolerations) {
      if (t.tolerates(taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first taint, in the node's order, that blocks scheduling (NoSchedule or NoExecute) and is
   * not tolerated; {@code null} when there is none.
   */
  static Taint firstUntolerated(List<Taint> taints, List<Toleration> tolerations) {
    for (Taint taint : taints) {
      boolean blocks = taint.effect().equals(NO_SCHEDULE) || taint.effect().equals(NO_EXECUTE);
      if (blocks && !isTolerated(taint, tolerations)) {
        return taint;
      }
    }
    return null;
  }

  /** How many PreferNoSchedule taints the pod does not tolerate (used for scoring). */
  static int intolerablePreferNoSchedule(List<Taint> taints, List<Toleration> tolerations) {
    List<Toleration> relevant = new ArrayList<>();
    for (Toleration t : tolerations) {
      if (t.effect().isEmpty() || t.effect().equals(PREFER_NO_SCHEDULE)) {
        relevant.add(t);
      }
    }
    int n = 0;
    for (Taint taint : taints) {
      if (taint.effect().equals(PREFER_NO_SCHEDULE) && !isTolerated(taint, relevant)) {
        n++;
      }
    }
    return n;
  }
}
