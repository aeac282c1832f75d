package dev.kc.controlplane.controller.deployment;

import static dev.kc.controlplane.controller.deployment.ReplicaSets.replicas;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RollingUpdate strategy (Kubernetes' {@code deployment/rolling.go}): at most one step per
 * sync, scale the new ReplicaSet up, else scale old ones down, else clean up history once complete;
 * then the rollout status.
 */
final class Rolling {
  private final Sync sync;

  Rolling(Sync sync) {
    this.sync = sync;
  }

  /** One rolling pass over the Deployment copy {@code d} and its claimed ReplicaSets. */
  void rolloutRolling(ObjectNode d, List<ObjectNode> rsList) {
    Sync.Family f = sync.getAllReplicaSetsAndSyncRevision(d, rsList, true);
    List<ObjectNode> all = f.all();

    if (reconcileNewReplicaSet(all, f.newRS(), d)) {
      sync.syncRolloutStatus(all, f.newRS(), d);
      return;
    }

    if (reconcileOldReplicaSets(all, ReplicaSets.active(f.oldRSs()), f.newRS(), d)) {
      sync.syncRolloutStatus(all, f.newRS(), d);
      return;
    }

    if (Deployments.isComplete(d, d.path("status"))) {
      sync.cleanupDeployment(f.oldRSs(), d);
    }
    sync.syncRolloutStatus(all, f.newRS(), d);
  }

  /** Scales the new ReplicaSet down to replicas, or up within the surge; returns if it scaled. */
  private boolean reconcileNewReplicaSet(List<ObjectNode> all, ObjectNode newRS, ObjectNode d) {
    long replicas = replicas(d);
    if (replicas(newRS) == replicas) {
      return false;
    }
    if (replicas(newRS) > replicas) {
      return sync.scaleAndRecord(newRS, replicas, d);
    }
    return sync.scaleAndRecord(newRS, Sync.newRSNewReplicas(d, all, newRS), d);
  }

  /**
   * Scales old ReplicaSets down as far as availability allows. E.g. 10 replicas, surge 3,
   * unavailable 2, new RS at 3 with none available, old at 10: maxScaledDown = 13 - 8 - 3 = 2, so
   * old goes 10 → 8; the new RS's unavailable pods count against the budget, so a broken new
   * template cannot drain the old pods.
   *
   * @return whether anything was scaled down
   */
  private boolean reconcileOldReplicaSets(
      List<ObjectNode> all, List<ObjectNode> oldActive, ObjectNode newRS, ObjectNode d) {
    if (ReplicaSets.specSum(oldActive) == 0) {
      return false;
    }
    long minAvailable = replicas(d) - Deployments.maxUnavailable(d);
    long newUnavailable = replicas(newRS) - ReplicaSets.status(newRS, "availableReplicas");
    long maxScaledDown = ReplicaSets.specSum(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    long cleaned = cleanupUnhealthyReplicas(oldActive, d, maxScaledDown);
    long scaledDown = scaleDownOldReplicaSets(all, oldActive, d);
    return cleaned + scaledDown > 0;
  }

  /** Removes unavailable replicas of old ReplicaSets first, oldest first, up to {@code max}. */
  private long cleanupUnhealthyReplicas(List<ObjectNode> oldActive, ObjectNode d, long max) {
    List<ObjectNode> sorted = new ArrayList<>(oldActive);
    sorted.sort(ReplicaSets.BY_CREATION);
    long total = 0;
    for (ObjectNode rs : sorted) {
      if (total >= max) {
        break;
      }
      long spec = replicas(rs);
      long available = ReplicaSets.status(rs, "availableReplicas");
      if (spec == 0 || spec <= available) {
        continue;
      }
      long down = Math.min(max - total, spec - available);
      sync.scaleAndRecord(rs, spec - down, d);
      total += down;
    }
    return total;
  }

  /** Scales old ReplicaSets down, oldest first, by what is available above minAvailable. */
  private long scaleDownOldReplicaSets(
      List<ObjectNode> all, List<ObjectNode> oldActive, ObjectNode d) {
    long minAvailable = replicas(d) - Deployments.maxUnavailable(d);
    long available = ReplicaSets.statusSum(all, "availableReplicas");
    if (available <= minAvailable) {
      return 0;
    }
    long budget = available - minAvailable;
    List<ObjectNode> sorted = new ArrayList<>(oldActive);
    sorted.sort(ReplicaSets.BY_CREATION);
    long total = 0;
    for (ObjectNode rs : sorted) {
      if (total >= budget) {
        break;
      }
      long spec = replicas(rs);
      if (spec == 0) {
        continue;
      }
      long down = Math.min(spec, budget - total);
      sync.scaleAndRecord(rs, spec - down, d);
      total += down;
    }
    return total;
  }
}
