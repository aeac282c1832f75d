package dev.kc.controlplane.controller;

import dev.kc.controlplane.clock.Activity;
import dev.kc.controlplane.clock.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A keyed work queue with Kubernetes' guarantees: a key queued several times is processed once, a
 * key is never processed by two workers at once, and a key added while it is being processed is
 * processed again afterwards. Failed keys are retried with per-key exponential back-off on the
 * clock.
 *
 * <p>Every queued or in-process key counts as outstanding {@link Activity}, so a virtual clock
 * waits for the queue to drain before moving time.
 */
public final class WorkQueue {
  private static final Duration BASE_DELAY = Duration.ofMillis(5);
  private static final Duration MAX_DELAY = Duration.ofSeconds(300);

  private final Clock clock;
  private final Activity activity;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> queued = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private boolean shutDown;

  public WorkQueue(Clock clock) {
    this.clock = clock;
    this.activity = clock.activity();
  }

  /** Queues {@code key} unless it is already waiting. */
  public synchronized void add(String key) {
    if (shutDown || queued.contains(key)) {
      return;
    }
    if (processing.contains(key)) {
      dirty.add(key);
      return;
    }
    queued.add(key);
    queue.add(key);
    activity.enter();
    notify();
  }

  /** Queues {@code key} once {@code delay} has passed on the clock. */
  public void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    clock.after(delay, () -> add(key));
  }

  /** Queues {@code key} after its back-off: 5 ms, doubling per failure, at most 5 minutes. */
  public void addRateLimited(String key) {
    int n;
    synchronized (this) {
      n = failures.merge(key, 1, Integer::sum);
    }
    long millis = BASE_DELAY.toMillis() << Math.min(n - 1, 30);
    addAfter(key, Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis())));
  }

  /** Clears the back-off of {@code key} after a successful sync. */
  public synchronized void forget(String key) {
    failures.remove(key);
  }

  /** Counts a failure of {@code key} without scheduling a retry; returns the count. */
  public synchronized int noteFailure(String key) {
    return failures.merge(key, 1, Integer::sum);
  }

  /**
   * Takes the next key, waiting for one.
   *
   * @return the key, or {@code null} once the queue is shut down
   */
  public synchronized String take() throws InterruptedException {
    while (queue.isEmpty() && !shutDown) {
      wait();
    }
    if (shutDown) {
      return null;
    }
    String key = queue.poll();
    queued.remove(key);
    processing.add(key);
    return key;
  }

  /** Marks {@code key} processed; requeues it if it was added meanwhile. */
  public synchronized void done(String key) {
    processing.remove(key);
    if (dirty.remove(key) && !shutDown) {
      // The outstanding count carries over from the finished run to the requeued one.
      queued.add(key);
      queue.add(key);
      notify();
      return;
    }
    activity.exit();
  }

  public synchronized int length() {
    return queue.size();
  }

  /** Stops handing out keys; workers blocked in {@link #take} return {@code null}. */
  public synchronized void shutDown() {
    shutDown = true;
    for (int i = 0; i < queue.size(); i++) {
      activity.exit();
    }
    queue.clear();
    queued.clear();
    notifyAll();
  }
}
