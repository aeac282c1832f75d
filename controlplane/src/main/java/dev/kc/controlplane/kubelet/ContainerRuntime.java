package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.kubelet.sim.InMemoryFs;
import dev.kc.controlplane.kubelet.sim.SimProcess;
import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One container of a pod on a simulated node: where it is in its life (pulling, running, backing
 * off...), its current process and file system, and what its status reports.
 */
final class ContainerRuntime {
  /** Where a container is in its life. */
  enum Phase {
    /** Not started yet (an init container waits for its predecessors). */
    NEW,
    PULLING,
    /** The pull failed; the status shows ErrImagePull for a moment. */
    PULL_FAILED,
    PULL_BACKOFF,
    /** Pull policy Never and the image is absent; waits for an image load. */
    NEVER_PULL,
    INVALID_IMAGE,
    /** A volume or env source it needs is missing; retried. */
    CONFIG_ERROR,
    STARTING,
    /** Started; its postStart hook runs until {@code until}. */
    POST_START,
    RUNNING,
    /** Being stopped: SIGTERM sent (or ignored), killed at {@code until} at the latest. */
    STOPPING,
    /** Restart pending after a back-off until {@code until}. */
    BACKOFF,
    /** Exited for good (restart policy says no, or the init container succeeded). */
    DONE
  }

  final String name;
  final JsonNode spec;
  final boolean init;
  final boolean sidecar;
  Phase phase = Phase.NEW;
  Instant until;
  String waitingReason = "ContainerCreating";
  String waitingMessage;
  int restartCount;
  final Backoff crashBackoff = new Backoff(true);
  final Backoff pullBackoff = new Backoff(false);
  Instant pullStarted;
  ObjectNode terminated;
  ObjectNode lastTerminated;
  Instant startedAt;
  String containerId;
  String imageId;
  boolean ready;
  boolean started;
  SimProcess process;

  /** For server images: the process "exits" when told to stop, with this code. */
  boolean server;

  InMemoryFs fs;
  ContainerLog log = new ContainerLog();
  ContainerLog previousLog;

  int stopExitCode;
  final Probes.State liveness = new Probes.State();
  final Probes.State readiness = new Probes.State();
  final Probes.State startup = new Probes.State();

  ContainerRuntime(JsonNode spec, boolean init) {
    this.spec = spec;
    this.name = spec.path("name").asString("");
    this.init = init;
    this.sidecar = init && spec.path("restartPolicy").asString("").equals("Always");
  }

  String image() {
    return spec.path("image").asString("");
  }

  boolean isRunning() {
    return phase == Phase.RUNNING || phase == Phase.STOPPING || phase == Phase.POST_START;
  }

  /** Whether the container finished for good with exit code 0. */
  boolean succeeded() {
    return phase == Phase.DONE && terminated != null && terminated.path("exitCode").asInt(-1) == 0;
  }

  void waiting(String reason, String message) {
    waitingReason = reason;
    waitingMessage = message;
  }

  /** The {@code containerStatuses[]} entry. */
  ObjectNode status() {
    ObjectNode s = Json.object();
    s.put("name", name);
    ObjectNode state = s.putObject("state");
    switch (phase) {
      case RUNNING, STOPPING ->
          state.putObject("running").put("startedAt", Json.timestamp(startedAt));
      case DONE -> {
        if (terminated != null) {
          state.set("terminated", terminated.deepCopy());
        } else {
          // Stopped before it ever ran (the pod was deleted while it was being created).
          state
              .putObject("waiting")
              .put("reason", waitingReason == null ? "ContainerCreating" : waitingReason);
        }
      }
      default -> {
        ObjectNode w = state.putObject("waiting");
        w.put("reason", waitingReason);
        if (waitingMessage != null) {
          w.put("message", waitingMessage);
        }
      }
    }
    // While it backs off before a restart, the run that just ended is the last state.
    ObjectNode last = phase == Phase.BACKOFF && terminated != null ? terminated : lastTerminated;
    if (last != null) {
      s.putObject("lastState").set("terminated", last.deepCopy());
    } else {
      s.putObject("lastState");
    }
    s.put("ready", ready);
    s.put("restartCount", restartCount);
    s.put("image", image());
    s.put("imageID", imageId == null ? "" : imageId);
    if (containerId != null) {
      s.put("containerID", containerId);
    }
    s.put("started", started);
    return s;
  }
}
