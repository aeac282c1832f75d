package dev.kc.controlplane.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for the control plane: timestamps, deadlines, back-offs and probes all
 * read it and schedule on it, so that a virtual clock can move the whole system through time
 * deterministically.
 */
public interface Clock {
  /** The current time. */
  Instant now();

  /**
   * Runs {@code task} once the clock reaches {@code at} (at once if it already has). Tasks must be
   * short: they typically enqueue work. On a virtual clock, tasks due at the same instant run in
   * the order they were scheduled.
   */
  Timer schedule(Instant at, Runnable task);

  /** Runs {@code task} after {@code delay}. */
  default Timer after(Duration delay, Runnable task) {
    return schedule(now().plus(delay), task);
  }

  /** Tracks outstanding work so a virtual clock knows when the system has settled. */
  Activity activity();

  /** A scheduled task that may be cancelled. */
  interface Timer {
    /** Cancels the task if it has not run yet. Idempotent. */
    void cancel();
  }

  /** Wall-clock time, for places that need no timers (tests, tools). */
  static Clock system() {
    return RealClock.shared();
  }
}
