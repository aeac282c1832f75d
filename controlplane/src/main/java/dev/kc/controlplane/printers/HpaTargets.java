package dev.kc.controlplane.printers;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The TARGETS cell of an autoscaling/v2 HorizontalPodAutoscaler: {@code cpu: 45%/80%}. */
final class HpaTargets {
  private HpaTargets() {}

  static String describe(JsonNode hpa) {
    JsonNode specs = hpa.path("spec").path("metrics");
    JsonNode current = hpa.path("status").path("currentMetrics");
    if (specs.size() == 0) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      JsonNode cur = i < current.size() ? current.get(i) : null;
      parts.add(metric(spec, cur));
    }
    if (parts.size() > 2) {
      return String.join(", ", parts.subList(0, 2)) + " + " + (parts.size() - 2) + " more...";
    }
    return String.join(", ", parts);
  }

  private static String metric(JsonNode spec, JsonNode cur) {
    String type = spec.path("type").asString("");
    switch (type) {
      case "Resource", "ContainerResource" -> {
        String key = type.equals("Resource") ? "resource" : "containerResource";
        JsonNode s = spec.path(key);
        JsonNode target = s.path("target");
        JsonNode c = cur == null ? null : cur.path(key).path("current");
        String name = s.path("name").asString("");
        if (target.path("type").asString("").equals("AverageValue")) {
          String value =
              c == null || !c.has("averageValue") ? "<unknown>" : c.path("averageValue").asString();
          return name + ": " + value + "/" + target.path("averageValue").asString("");
        }
        String value =
            c == null || !c.has("averageUtilization")
                ? "<unknown>"
                : c.path("averageUtilization").asInt() + "%";
        return name + ": " + value + "/" + target.path("averageUtilization").asInt() + "%";
      }
      case "Pods" -> {
        JsonNode target = spec.path("pods").path("target");
        JsonNode c = cur == null ? null : cur.path("pods").path("current");
        String value =
            c == null || !c.has("averageValue") ? "<unknown>" : c.path("averageValue").asString();
        return value + "/" + target.path("averageValue").asString("");
      }
      case "Object", "External" -> {
        String key = type.equals("Object") ? "object" : "external";
        JsonNode target = spec.path(key).path("target");
        JsonNode c = cur == null ? null : cur.path(key).path("current");
        if (target.path("type").asString("").equals("AverageValue")) {
          String value =
              c == null || !c.has("averageValue") ? "<unknown>" : c.path("averageValue").asString();
          return value + "/" + target.path("averageValue").asString("") + " (avg)";
        }
        String value = c == null || !c.has("value") ? "<unknown>" : c.path("value").asString();
        return value + "/" + target.path("value").asString("");
      }
      default -> {
        return "<unknown type>";
      }
    }
  }
}
