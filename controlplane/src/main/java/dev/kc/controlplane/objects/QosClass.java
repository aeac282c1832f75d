package dev.kc.controlplane.objects;

import tools.jackson.databind.JsonNode;

/** Kubernetes' pod quality-of-service class, from the containers' requests and limits. */
final class QosClass {
  private QosClass() {}

  /**
   * {@code Guaranteed} when every container limits cpu and memory and requests equal limits; {@code
   * BestEffort} when no container requests or limits anything; otherwise {@code Burstable}.
   */
  static String of(JsonNode podSpec) {
    boolean any = false;
    boolean guaranteed = true;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : podSpec.path(list)) {
        JsonNode requests = c.path("resources").path("requests");
        JsonNode limits = c.path("resources").path("limits");
        if (requests.size() > 0 || limits.size() > 0) {
          any = true;
        }
        for (String r : new String[] {"cpu", "memory"}) {
          JsonNode limit = limits.get(r);
          JsonNode request = requests.get(r);
          if (limit == null || (request != null && !request.asString().equals(limit.asString()))) {
            guaranteed = false;
          }
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
