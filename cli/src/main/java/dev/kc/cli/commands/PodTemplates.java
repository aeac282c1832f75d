package dev.kc.cli.commands;

import dev.kc.cli.json.Json;
import java.util.Map;

/**
 * Finds the pod spec inside a workload object, where kubectl's {@code UpdatePodSpecForObject} does.
 */
final class PodTemplates {

  private PodTemplates() {}

  /**
   * The pod spec of {@code obj} (a live map: changes write through): {@code spec} for a Pod, {@code
   * spec.jobTemplate.spec.template.spec} for a CronJob, {@code spec.template.spec} for the other
   * workloads.
   *
   * @return the spec, or {@code null} when the object has none
   */
  static Map<String, Object> podSpec(Map<String, Object> obj) {
    String kind = String.valueOf(obj.get("kind"));
    switch (kind) {
      case "Pod":
        return Json.obj(obj, "spec");
      case "CronJob":
        return Json.obj(obj, "spec", "jobTemplate", "spec", "template", "spec");
      default:
        return Json.obj(obj, "spec", "template", "spec");
    }
  }
}
