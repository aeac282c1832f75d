package dev.kc.controlplane.registry;

import java.util.List;
import java.util.Set;

/** The Kubernetes types kc serves, in the order discovery lists them. */
final class BuiltinTypes {
  private BuiltinTypes() {}

  private static final List<String> V1 = List.of("v1");
  private static final List<String> ALL = List.of("all");
  private static final List<String> NONE = List.of();
  private static final Set<String> STATUS = Set.of("status");
  private static final Set<String> STATUS_SCALE = Set.of("status", "scale");

  static List<ResourceType> all() {
    return List.of(
        core("Namespace", "namespaces", List.of("ns"), NONE, false, STATUS, false),
        core("Node", "nodes", List.of("no"), NONE, false, STATUS, false),
        core("Pod", "pods", List.of("po"), ALL, true, STATUS, false),
        core("Service", "services", List.of("svc"), ALL, true, STATUS, false),
        core("Endpoints", "endpoints", List.of("ep"), NONE, true, Set.of(), false),
        core("Event", "events", List.of("ev"), NONE, true, Set.of(), false),
        core("ConfigMap", "configmaps", List.of("cm"), NONE, true, Set.of(), false),
        core("Secret", "secrets", NONE, NONE, true, Set.of(), false),
        core(
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            List.of("pvc"),
            NONE,
            true,
            STATUS,
            false),
        core("PersistentVolume", "persistentvolumes", List.of("pv"), NONE, false, STATUS, false),
        apps("Deployment", "deployments", List.of("deploy"), ALL, STATUS_SCALE),
        apps("ReplicaSet", "replicasets", List.of("rs"), ALL, STATUS_SCALE),
        apps("StatefulSet", "statefulsets", List.of("sts"), ALL, STATUS_SCALE),
        apps("DaemonSet", "daemonsets", List.of("ds"), ALL, STATUS),
        new ResourceType(
            "apps",
            V1,
            "ControllerRevision",
            "controllerrevisions",
            "controllerrevision",
            NONE,
            NONE,
            true,
            Set.of(),
            false),
        new ResourceType(
            "autoscaling",
            List.of("v2", "v1"),
            "HorizontalPodAutoscaler",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            List.of("hpa"),
            ALL,
            true,
            STATUS,
            true));
  }

  private static ResourceType core(
      String kind,
      String plural,
      List<String> shortNames,
      List<String> categories,
      boolean namespaced,
      Set<String> subresources,
      boolean generation) {
    return new ResourceType(
        "",
        V1,
        kind,
        plural,
        kind.toLowerCase(),
        shortNames,
        categories,
        namespaced,
        subresources,
        generation);
  }

  private static ResourceType apps(
      String kind, String plural, List<String> shortNames, List<String> cats, Set<String> sub) {
    return new ResourceType(
        "apps", V1, kind, plural, kind.toLowerCase(), shortNames, cats, true, sub, true);
  }
}
