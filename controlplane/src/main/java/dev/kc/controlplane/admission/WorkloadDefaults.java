package dev.kc.controlplane.admission;

import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults for apps/v1 workloads, mirroring {@code pkg/apis/apps/v1/defaults.go} (1.32, with the
 * StatefulSetAutoDeletePVC feature on as it is GA). Pod templates get the pod spec defaults of
 * {@link PodDefaults#podSpec}. Every method is idempotent.
 */
final class WorkloadDefaults {

  private WorkloadDefaults() {}

  /** replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
  static void deployment(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultNum(spec, "replicas", 1);
    ObjectNode strategy = Json.objOrCreate(spec, "strategy");
    Json.defaultStr(strategy, "type", "RollingUpdate");
    if (Json.str(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.objOrCreate(strategy, "rollingUpdate");
      if (!Json.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
      if (!Json.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
    }
    Json.defaultNum(spec, "revisionHistoryLimit", 10);
    Json.defaultNum(spec, "progressDeadlineSeconds", 600);
    PodDefaults.template(spec);
  }

  /** replicas 1. */
  static void replicaSet(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultNum(spec, "replicas", 1);
    PodDefaults.template(spec);
  }

  /**
   * OrderedReady, RollingUpdate with partition 0 (only when the strategy type was left empty or a
   * rollingUpdate block is given), Retain/Retain PVC retention, replicas 1, revisionHistoryLimit
   * 10, and PVC defaults inside volumeClaimTemplates.
   */
  static void statefulSet(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    Json.defaultStr(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Json.objOrCreate(spec, "updateStrategy");
    if (Json.str(strategy, "type").isEmpty()) {
      strategy.put("type", "RollingUpdate");
      Json.objOrCreate(strategy, "rollingUpdate");
    }
    ObjectNode rolling = Json.obj(strategy, "rollingUpdate");
    if (Json.str(strategy, "type").equals("RollingUpdate") && rolling != null) {
      Json.defaultNum(rolling, "partition", 0);
    }
    ObjectNode retention = Json.objOrCreate(spec, "persistentVolumeClaimRetentionPolicy");
    Json.defaultStr(retention, "whenDeleted", "Retain");
    Json.defaultStr(retention, "whenScaled", "Retain");
    Json.defaultNum(spec, "replicas", 1);
    Json.defaultNum(spec, "revisionHistoryLimit", 10);
    PodDefaults.template(spec);
    for (ObjectNode claim : Json.objects(spec, "volumeClaimTemplates")) {
      // The apps/v1 conversion stamps the embedded claims with their type.
      claim.put("apiVersion", "v1");
      claim.put("kind", "PersistentVolumeClaim");
      CoreDefaults.persistentVolumeClaim(claim);
    }
  }

  /** RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10. */
  static void daemonSet(ObjectNode obj) {
    ObjectNode spec = Json.objOrCreate(obj, "spec");
    ObjectNode strategy = Json.objOrCreate(spec, "updateStrategy");
    Json.defaultStr(strategy, "type", "RollingUpdate");
    if (Json.str(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Json.objOrCreate(strategy, "rollingUpdate");
      if (!Json.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", 1);
      }
      if (!Json.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", 0);
      }
    }
    Json.defaultNum(spec, "revisionHistoryLimit", 10);
    PodDefaults.template(spec);
  }
}
