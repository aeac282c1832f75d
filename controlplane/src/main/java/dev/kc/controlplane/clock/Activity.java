package dev.kc.controlplane.clock;

/**
 * A count of work in flight: queued keys, running reconciles, watch events not yet handed to an
 * informer. Every hand-off raises the count before the previous holder lowers it, so zero means the
 * system has truly settled; {@link VirtualClock#advance} waits for zero between timers.
 */
public final class Activity {
  private long active;

  /** One more piece of work is outstanding. */
  public synchronized void enter() {
    active++;
  }

  /** One piece of work has finished. */
  public synchronized void exit() {
    active--;
    if (active < 0) {
      active = 0;
      throw new IllegalStateException("activity exited more often than entered");
    }
    if (active == 0) {
      notifyAll();
    }
  }

  public synchronized long active() {
    return active;
  }

  /**
   * Waits until nothing is outstanding.
   *
   * @return false if {@code timeoutMillis} passed first
   */
  public synchronized boolean awaitQuiet(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (active > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
