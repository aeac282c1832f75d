package dev.kc.controlplane.kubelet;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Injected faults, one command each: crash a container, force a readiness outcome, take a node's
 * kubelet down.
 */
public final class Faults {
  private final Map<String, Integer> crashes = new ConcurrentHashMap<>();
  private final Map<String, Boolean> readiness = new ConcurrentHashMap<>();
  private final Set<String> downNodes = ConcurrentHashMap.newKeySet();

  private static String key(String podKey, String container) {
    return podKey + "/" + container;
  }

  /** The container's process exits with {@code exitCode} at the next sync. */
  public void crash(String podKey, String container, int exitCode) {
    crashes.put(key(podKey, container), exitCode);
  }

  /** Takes a pending crash of the container, or returns {@code null}. */
  Integer takeCrash(String podKey, String container) {
    return crashes.remove(key(podKey, container));
  }

  /** Forces the container's readiness probes to pass or fail; {@code null} clears the override. */
  public void readiness(String podKey, String container, Boolean pass) {
    if (pass == null) {
      readiness.remove(key(podKey, container));
    } else {
      readiness.put(key(podKey, container), pass);
    }
  }

  Boolean readinessOverride(String podKey, String container) {
    return readiness.get(key(podKey, container));
  }

  /** Stops (or resumes) a node's kubelet: no heartbeats, no pod work. */
  public void nodeDown(String node, boolean down) {
    if (down) {
      downNodes.add(node);
    } else {
      downNodes.remove(node);
    }
  }

  public boolean isNodeDown(String node) {
    return downNodes.contains(node);
  }
}
