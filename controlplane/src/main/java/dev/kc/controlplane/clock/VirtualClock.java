package dev.kc.controlplane.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time that moves only when told to. {@link #advance} repeatedly takes the earliest timer due
 * within the step, moves time to it, runs it, and waits until the system has settled before taking
 * the next, so a ten-minute step returns in milliseconds with every effect in order.
 */
public final class VirtualClock implements Clock {
  private static final Logger log = LoggerFactory.getLogger(VirtualClock.class);

  /** How long advance waits for the system to settle before giving up on a step. */
  private static final long SETTLE_TIMEOUT_MILLIS = 60_000;

  private final Activity activity = new Activity();
  private final PriorityQueue<Task> timers = new PriorityQueue<>();
  private final Consumer<Instant> onAdvance;
  private Instant now;
  private long sequence;

  private static final class Task implements Comparable<Task>, Timer {
    final Instant at;
    final long seq;
    final Runnable work;
    volatile boolean cancelled;

    Task(Instant at, long seq, Runnable work) {
      this.at = at;
      this.seq = seq;
      this.work = work;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  /**
   * @param start the time to start at
   * @param onAdvance told the new time after every advance (to persist it), may be null
   */
  public VirtualClock(Instant start, Consumer<Instant> onAdvance) {
    this.now = start;
    this.onAdvance = onAdvance;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public Timer schedule(Instant at, Runnable task) {
    synchronized (this) {
      Task t = new Task(at.isBefore(now) ? now : at, sequence++, task);
      timers.add(t);
      return t;
    }
  }

  @Override
  public Activity activity() {
    return activity;
  }

  /**
   * Moves time forward by {@code step}, running everything that falls due, in order, and returns
   * once the system has settled at the new time. Only one advance runs at a time.
   *
   * @return the new time
   */
  public Instant advance(Duration step) throws InterruptedException {
    if (step.isNegative()) {
      throw new IllegalArgumentException("the clock cannot go backwards");
    }
    synchronized (advanceLock) {
      Instant target;
      synchronized (this) {
        target = now.plus(step);
      }
      settle();
      while (true) {
        Task next;
        synchronized (this) {
          next = timers.peek();
          if (next == null || next.at.isAfter(target)) {
            now = target;
            break;
          }
          timers.poll();
          if (next.at.isAfter(now)) {
            now = next.at;
          }
        }
        if (!next.cancelled) {
          run(next);
          settle();
        }
      }
      settle();
      if (onAdvance != null) {
        onAdvance.accept(target);
      }
      return target;
    }
  }

  private final Object advanceLock = new Object();

  /** Waits for outstanding work; timers due at the current instant run first. */
  public void settle() throws InterruptedException {
    while (true) {
      if (!activity.awaitQuiet(SETTLE_TIMEOUT_MILLIS)) {
        log.warn(
            "the system did not settle within {} ms; {} pieces of work outstanding",
            SETTLE_TIMEOUT_MILLIS,
            activity.active());
        return;
      }
      Task due;
      synchronized (this) {
        due = timers.peek();
        if (due == null || due.at.isAfter(now)) {
          return;
        }
        timers.poll();
      }
      if (!due.cancelled) {
        run(due);
      }
    }
  }

  private static void run(Task t) {
    try {
      t.work.run();
    } catch (RuntimeException e) {
      log.warn("timer task failed", e);
    }
  }

  /** How many timers are pending (for diagnostics). */
  public synchronized int pendingTimers() {
    return timers.size();
  }
}
