package dev.kc.controlplane.controller.deployment;

import static dev.kc.controlplane.controller.deployment.ReplicaSets.replicas;

import dev.kc.controlplane.objects.Json;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Recreate strategy (Kubernetes' {@code deployment/recreate.go}): old ReplicaSets go to zero
 * and every old pod must be gone before the new ReplicaSet is created or scaled up, so old and new
 * pods never run together.
 */
final class Recreate {
  private final Sync sync;

  Recreate(Sync sync) {
    this.sync = sync;
  }

  /**
   * One Recreate pass.
   *
   * @param podsByRs the pods selected by the Deployment, grouped by controlling ReplicaSet uid
   */
  void rolloutRecreate(
      ObjectNode d, List<ObjectNode> rsList, Map<String, List<ObjectNode>> podsByRs) {
    Sync.Family f = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);

    // 1. Scale every active old ReplicaSet to zero.
    boolean scaledDown = false;
    for (ObjectNode old : ReplicaSets.active(f.oldRSs())) {
      scaledDown |= sync.scaleAndRecord(old, 0, d);
    }
    if (scaledDown) {
      sync.syncRolloutStatus(f.all(), f.newRS(), d);
      return;
    }

    // 2. Wait until no old pod is left running.
    if (oldPodsRunning(f, podsByRs)) {
      sync.syncRolloutStatus(f.all(), f.newRS(), d);
      return;
    }

    // 3. Only now create the new ReplicaSet (at full size), or scale an existing one.
    if (f.newRS() == null) {
      f = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
    }
    sync.scaleAndRecord(f.newRS(), replicas(d), d);

    if (Deployments.isComplete(d, d.path("status"))) {
      sync.cleanupDeployment(f.oldRSs(), d);
    }
    sync.syncRolloutStatus(f.all(), f.newRS(), d);
  }

  /**
   * Whether an old ReplicaSet still reports replicas or owns a pod that is not Succeeded/Failed
   * (terminating pods count until they are gone).
   */
  private static boolean oldPodsRunning(Sync.Family f, Map<String, List<ObjectNode>> podsByRs) {
    if (ReplicaSets.statusSum(f.oldRSs(), "replicas") > 0) {
      return true;
    }
    String newUid = f.newRS() == null ? null : ReplicaSets.uid(f.newRS());
    for (Map.Entry<String, List<ObjectNode>> e : podsByRs.entrySet()) {
      if (e.getKey().equals(newUid)) {
        continue;
      }
      for (ObjectNode pod : e.getValue()) {
        String phase = Json.at(pod, "status", "phase").asString("");
        if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
          return true;
        }
      }
    }
    return false;
  }
}
