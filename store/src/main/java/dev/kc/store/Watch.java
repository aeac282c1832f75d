package dev.kc.store;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One watcher's stream of events: a bounded queue that the store fills and one consumer drains.
 *
 * <p>The store never blocks on a watcher. A watcher that falls more than its capacity behind is
 * ended with a failure, and its consumer must list and watch again, as Kubernetes clients do.
 */
public final class Watch implements AutoCloseable {
  private final String resource;
  private final String namespace;
  private final Predicate<Entry> filter;
  private final int capacity;
  private final Runnable onClose;
  private final ArrayDeque<WatchEvent> queue = new ArrayDeque<>();
  private Runnable listener;
  private boolean done;
  private StoreException failure;

  /** While history is replayed, live events wait here so that none is lost or reordered. */
  private ArrayDeque<WatchEvent> pendingLive;

  private long lastRevision;

  Watch(
      String resource,
      String namespace,
      Predicate<Entry> filter,
      int capacity,
      long fromRevision,
      Runnable onClose) {
    this.resource = resource;
    this.namespace = namespace;
    this.filter = filter;
    this.capacity = capacity;
    this.lastRevision = fromRevision;
    this.onClose = onClose;
  }

  /**
   * Registers a callback run (on the store's writer thread or the caller's) whenever events become
   * available or the watch ends. The callback must be quick and must not block.
   */
  public void onAvailable(Runnable callback) {
    boolean fire;
    synchronized (this) {
      listener = callback;
      fire = !queue.isEmpty() || done;
    }
    if (fire) {
      callback.run();
    }
  }

  /** Takes the next event, or returns {@code null} when none is queued. */
  public synchronized WatchEvent poll() {
    return queue.poll();
  }

  /**
   * Waits up to {@code timeout} for the next event.
   *
   * @return the event, or {@code null} if none arrived in time or the watch has ended
   */
  public synchronized WatchEvent take(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (queue.isEmpty() && !done) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return queue.poll();
  }

  /** Whether an event is queued. */
  public synchronized boolean hasEvents() {
    return !queue.isEmpty();
  }

  /** True once the watch has ended and every queued event has been taken. */
  public synchronized boolean isFinished() {
    return done && queue.isEmpty();
  }

  /** Why the store ended this watch, or {@code null} if it was closed by its consumer. */
  public synchronized StoreException failure() {
    return failure;
  }

  /** Stops the watch. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      queue.clear();
      notifyAll();
    }
    onClose.run();
  }

  String resource() {
    return resource;
  }

  boolean matchesNamespace(String ns) {
    return namespace == null || namespace.equals(ns);
  }

  /** Turns a raw change into what this watcher should see, or {@code null} for nothing. */
  WatchEvent filter(WatchEvent event) {
    if (filter == null) {
      return event;
    }
    boolean now = event.type() != WatchEvent.Type.DELETED && filter.test(event.entry());
    boolean before =
        event.type() == WatchEvent.Type.DELETED
            ? filter.test(event.entry())
            : event.previous() != null && filter.test(event.previous());
    if (event.type() == WatchEvent.Type.DELETED) {
      return before ? event : null;
    }
    if (now && before) {
      return event;
    }
    if (now) {
      return new WatchEvent(WatchEvent.Type.ADDED, event.entry(), event.previous());
    }
    if (before) {
      return new WatchEvent(WatchEvent.Type.DELETED, event.entry(), event.previous());
    }
    return null;
  }

  void beginReplay() {
    synchronized (this) {
      pendingLive = new ArrayDeque<>();
    }
  }

  /** Ends history replay: live events that arrived meanwhile follow the history, in order. */
  void endReplay() {
    Runnable l;
    synchronized (this) {
      ArrayDeque<WatchEvent> pending = pendingLive;
      pendingLive = null;
      for (WatchEvent e : pending) {
        if (!append(e)) {
          break;
        }
      }
      l = listener;
    }
    if (l != null) {
      l.run();
    }
  }

  /** Queues a history event during replay. Returns false if the watch ended. */
  boolean offerHistory(WatchEvent event) {
    synchronized (this) {
      return append(event);
    }
  }

  /** Queues a live event. Called by the store's writer thread; never blocks. */
  void offerLive(WatchEvent event) {
    Runnable l;
    synchronized (this) {
      if (done) {
        return;
      }
      if (pendingLive != null) {
        pendingLive.add(event);
        return;
      }
      append(event);
      l = listener;
    }
    if (l != null) {
      l.run();
    }
  }

  private boolean append(WatchEvent event) {
    if (done) {
      return false;
    }
    if (event.revision() <= lastRevision) {
      return true;
    }
    WatchEvent e = filter(event);
    lastRevision = event.revision();
    if (e == null) {
      return true;
    }
    if (queue.size() >= capacity) {
      fail(new StoreException("watcher fell more than " + capacity + " events behind"));
      return false;
    }
    queue.add(e);
    notifyAll();
    return true;
  }

  /**
   * Ends the watch with a failure. Queued events are dropped: a watcher that is cut off must list
   * again anyway. Must be called holding this watch's lock; the caller runs the listener after.
   */
  private void fail(StoreException cause) {
    done = true;
    failure = cause;
    queue.clear();
    notifyAll();
  }

  /** Ends the watch normally (the store is closing). */
  void end() {
    Runnable l;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      notifyAll();
      l = listener;
    }
    if (l != null) {
      l.run();
    }
  }
}
