package dev.kc.controlplane.controller;

import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.objects.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconcile loop over a {@link WorkQueue}: workers take keys and call {@link #sync}. A sync that
 * throws is retried with back-off; a write conflict is retried at once, since it only means the
 * controller read a stale copy.
 */
public abstract class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final String name;
  private final int workers;
  protected final Clock clock;
  protected final WorkQueue queue;
  private final List<Thread> threads = new ArrayList<>();

  protected Controller(String name, int workers, Clock clock) {
    this.name = name;
    this.workers = workers;
    this.clock = clock;
    this.queue = new WorkQueue(clock);
  }

  public String name() {
    return name;
  }

  /**
   * Brings the object named by {@code key} towards its desired state. Must be idempotent; never
   * runs concurrently for the same key.
   */
  protected abstract void sync(String key) throws Exception;

  /** Queues a key for syncing. */
  public void enqueue(String key) {
    queue.add(key);
  }

  /** Starts the workers. */
  public void start() {
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, name + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void work() {
    while (true) {
      String key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (key == null) {
        return;
      }
      long start = System.nanoTime();
      try {
        sync(key);
        queue.forget(key);
      } catch (ApiException e) {
        if (e.code() == 409) {
          log.debug("{}: conflict syncing {}; retrying", name, key);
          if (queue.noteFailure(key) <= 5) {
            queue.add(key);
          } else {
            queue.addRateLimited(key);
          }
        } else {
          log.warn("{}: syncing {} failed: {}", name, key, e.getMessage());
          queue.addRateLimited(key);
        }
      } catch (Exception e) {
        log.warn("{}: syncing {} failed", name, key, e);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
        if (log.isDebugEnabled()) {
          log.debug(
              "{}: finished syncing {} in {} us", name, key, (System.nanoTime() - start) / 1000);
        }
      }
    }
  }

  @Override
  public void close() {
    queue.shutDown();
    for (Thread t : threads) {
      t.interrupt();
    }
  }
}
