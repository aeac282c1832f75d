package dev.kc.controlplane.kubelet.sim;

import java.time.Instant;

/** One run of a {@link Program}. Not thread-safe: the shell steps it from one thread. */
@FunctionalInterface
public interface Execution {
  /**
   * Advances the run to {@code now}.
   *
   * @param now the simulated time; never earlier than in the previous call
   * @return {@link SimProcess.Step.Exit} when finished (the run is not stepped again), or {@link
   *     SimProcess.Step.Sleep} to be stepped again once the time has reached {@code until}
   */
  SimProcess.Step step(Instant now);
}
