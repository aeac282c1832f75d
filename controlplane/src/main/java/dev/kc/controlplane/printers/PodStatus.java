package dev.kc.controlplane.printers;

import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What {@code kubectl get pods} shows in READY, STATUS and RESTARTS, following kubectl's rules: the
 * first unfinished init container decides first ({@code Init:1/2}, {@code Init:CrashLoopBackOff}),
 * then app containers from last to first (a waiting or terminated reason wins), and a pod being
 * deleted shows {@code Terminating}.
 */
final class PodStatus {
  final int ready;
  final int total;
  final String reason;
  final int restarts;
  final Instant lastRestart;

  private PodStatus(int ready, int total, String reason, int restarts, Instant lastRestart) {
    this.ready = ready;
    this.total = total;
    this.reason = reason;
    this.restarts = restarts;
    this.lastRestart = lastRestart;
  }

  /** {@code 2 (15s ago)} when there were restarts with a known time, else the count. */
  String restartsText(Instant now) {
    if (restarts != 0 && lastRestart != null) {
      return restarts + " (" + Durations.age(lastRestart, now) + " ago)";
    }
    return Integer.toString(restarts);
  }

  static PodStatus of(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    String phase = status.path("phase").asString("");
    String reason = status.path("reason").asString("");
    if (reason.isEmpty()) {
      reason = phase;
    }
    if (isSchedulingGated(status)) {
      reason = "SchedulingGated";
    }
    Map<String, Boolean> sidecar = new HashMap<>();
    int total = spec.path("containers").size();
    for (JsonNode c : spec.path("initContainers")) {
      boolean restartable = c.path("restartPolicy").asString("").equals("Always");
      sidecar.put(c.path("name").asString(""), restartable);
      if (restartable) {
        total++;
      }
    }
    int ready = 0;
    int restarts = 0;
    int sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    boolean initializing = false;
    int initCount = spec.path("initContainers").size();
    int i = 0;
    for (JsonNode c : status.path("initContainerStatuses")) {
      restarts += c.path("restartCount").asInt(0);
      Instant finished = finishedAt(c);
      lastRestart = later(lastRestart, finished);
      boolean restartable = sidecar.getOrDefault(c.path("name").asString(""), false);
      if (restartable) {
        sidecarRestarts += c.path("restartCount").asInt(0);
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      JsonNode terminated = c.path("state").path("terminated");
      JsonNode waiting = c.path("state").path("waiting");
      if (terminated.isObject() && terminated.path("exitCode").asInt(-1) == 0) {
        i++;
        continue;
      }
      if (restartable && c.path("started").asBoolean(false)) {
        if (c.path("ready").asBoolean(false)) {
          ready++;
        }
        i++;
        continue;
      }
      if (terminated.isObject()) {
        String r = terminated.path("reason").asString("");
        if (r.isEmpty()) {
          int signal = terminated.path("signal").asInt(0);
          r = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
        }
        reason = "Init:" + r;
      } else if (waiting.isObject()
          && !waiting.path("reason").asString("").isEmpty()
          && !waiting.path("reason").asString("").equals("PodInitializing")) {
        reason = "Init:" + waiting.path("reason").asString();
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }
    if (!initializing || hasTrueCondition(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int k = statuses.size() - 1; k >= 0; k--) {
        JsonNode c = statuses.get(k);
        restarts += c.path("restartCount").asInt(0);
        lastRestart = later(lastRestart, finishedAt(c));
        JsonNode st = c.path("state");
        String waiting = st.path("waiting").path("reason").asString("");
        JsonNode terminated = st.path("terminated");
        if (!waiting.isEmpty()) {
          reason = waiting;
        } else if (terminated.isObject() && !terminated.path("reason").asString("").isEmpty()) {
          reason = terminated.path("reason").asString();
        } else if (terminated.isObject()) {
          int signal = terminated.path("signal").asInt(0);
          reason =
              signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
        } else if (c.path("ready").asBoolean(false) && st.path("running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = hasTrueCondition(status, "Ready") ? "Running" : "NotReady";
      }
    }
    boolean deleting = !Json.at(pod, "metadata", "deletionTimestamp").isMissingNode();
    if (deleting && status.path("reason").asString("").equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    return new PodStatus(ready, total, reason, restarts, lastRestart);
  }

  private static Instant finishedAt(JsonNode containerStatus) {
    return Json.parseTime(containerStatus.path("lastState").path("terminated").get("finishedAt"));
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  private static boolean hasTrueCondition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asString("").equals(type)) {
        return c.path("status").asString("").equals("True");
      }
    }
    return false;
  }

  private static boolean isSchedulingGated(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asString("").equals("PodScheduled")
          && c.path("reason").asString("").equals("SchedulingGated")) {
        return true;
      }
    }
    return false;
  }
}
