package dev.kc.controlplane.kubelet;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Probe timing and thresholds, with Kubernetes' defaults. */
final class Probes {
  private Probes() {}

  /** The outcome of one probe run. */
  record Result(boolean success, String output) {}

  /** The running tally of one probe of one container instance. */
  static final class State {
    Instant nextAt;
    int successes;
    int failures;

    /** The readiness outcome so far; startup: whether it has succeeded. */
    boolean passed;

    void reset() {
      nextAt = null;
      successes = 0;
      failures = 0;
      passed = false;
    }

    /**
     * Records a result: {@link #passed} turns true after the success threshold of consecutive
     * successes and false after the failure threshold of consecutive failures.
     */
    void record(JsonNode probe, Result r) {
      if (r.success()) {
        failures = 0;
        successes++;
        if (successes >= successThreshold(probe)) {
          passed = true;
        }
      } else {
        successes = 0;
        failures++;
        if (failures >= failureThreshold(probe)) {
          passed = false;
        }
      }
    }

    /** Whether the failure threshold has just been reached. */
    boolean failedOut(JsonNode probe) {
      return failures >= failureThreshold(probe);
    }
  }

  static Duration initialDelay(JsonNode probe) {
    return Duration.ofSeconds(probe.path("initialDelaySeconds").asLong(0));
  }

  static Duration period(JsonNode probe) {
    return Duration.ofSeconds(Math.max(1, probe.path("periodSeconds").asLong(10)));
  }

  static Duration timeout(JsonNode probe) {
    return Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asLong(1)));
  }

  static int successThreshold(JsonNode probe) {
    return Math.max(1, probe.path("successThreshold").asInt(1));
  }

  static int failureThreshold(JsonNode probe) {
    return Math.max(1, probe.path("failureThreshold").asInt(3));
  }

  /** Whether the container spec defines this probe. */
  static boolean defined(JsonNode probe) {
    return probe != null && probe.isObject() && !probe.isEmpty();
  }
}
