package dev.kc.controlplane.clock;

import java.time.Instant;

/**
 * The one source of time for the control plane: timestamps, deadlines, back-offs and probes all
 * read it, so that a virtual clock can move the whole system through time deterministically.
 */
public interface Clock {
  /** The current time. */
  Instant now();

  /** Wall-clock time. */
  static Clock system() {
    return Instant::now;
  }
}
