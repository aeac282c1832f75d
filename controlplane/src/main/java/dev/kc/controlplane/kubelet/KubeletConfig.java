package dev.kc.controlplane.kubelet;

import java.time.Duration;

/**
 * Simulated delays of the kubelet.
 *
 * @param pullDelay how long pulling an image takes
 * @param startDelay how long creating and starting a container takes
 * @param heartbeat how often a node reports its status
 * @param events whether the kubelet records events (off for throughput benchmarks)
 */
public record KubeletConfig(
    Duration pullDelay, Duration startDelay, Duration heartbeat, boolean events) {
  public static KubeletConfig defaults() {
    return new KubeletConfig(
        Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(60), true);
  }

  /** No simulated delays at all, for throughput measurements. */
  public static KubeletConfig instant() {
    return new KubeletConfig(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60), false);
  }
}
