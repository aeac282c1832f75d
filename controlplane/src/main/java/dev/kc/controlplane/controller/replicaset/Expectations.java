package dev.kc.controlplane.controller.replicaset;

import dev.kc.controlplane.clock.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' controller "expectations": what a controller has asked the API for and not yet seen
 * come back through its informer. A controller whose expectations for a key are not satisfied must
 * not create or delete again, because its cache does not yet show its own last actions; it may
 * still write status.
 *
 * <p>Deletions are tracked by pod key, so that the two events of a graceful deletion (deletion
 * timestamp set, then object gone) count once. Expectations older than {@link #TTL} count as
 * satisfied, so a lost event cannot wedge a controller forever. Thread-safe.
 */
public final class Expectations {
  /** How long unmet expectations block a controller (Kubernetes' ExpectationsTimeout). */
  public static final Duration TTL = Duration.ofMinutes(5);

  private final Clock clock;
  private final Map<String, Entry> entries = new HashMap<>();

  private static final class Entry {
    int adds;
    int deletes;
    final Set<String> deleteKeys = new HashSet<>();
    final Instant since;

    Entry(Instant since) {
      this.since = since;
    }
  }

  /** Expectations timed by {@code clock} (for the TTL). */
  public Expectations(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code key} may act: nothing expected, everything seen, or the wait timed out. */
  public synchronized boolean satisfied(String key) {
    Entry e = entries.get(key);
    if (e == null) {
      return true;
    }
    if (e.adds <= 0 && e.deletes <= 0) {
      return true;
    }
    return Duration.between(e.since, clock.now()).compareTo(TTL) > 0;
  }

  /** Replaces the expectations of {@code key}: {@code count} creations are about to be made. */
  public synchronized void expectCreations(String key, int count) {
    Entry e = new Entry(clock.now());
    e.adds = count;
    entries.put(key, e);
  }

  /** Replaces the expectations of {@code key}: these pods (by key) are about to be deleted. */
  public synchronized void expectDeletions(String key, Collection<String> podKeys) {
    Entry e = new Entry(clock.now());
    e.deleteKeys.addAll(podKeys);
    e.deletes = e.deleteKeys.size();
    entries.put(key, e);
  }

  /** A creation was seen (or will never happen). */
  public synchronized void creationObserved(String key) {
    Entry e = entries.get(key);
    if (e != null) {
      e.adds--;
    }
  }

  /** The deletion of {@code podKey} was seen (or will never happen); counted once per pod. */
  public synchronized void deletionObserved(String key, String podKey) {
    Entry e = entries.get(key);
    if (e != null && e.deleteKeys.remove(podKey)) {
      e.deletes--;
    }
  }

  /** Forgets {@code key} (its controller object is gone). */
  public synchronized void delete(String key) {
    entries.remove(key);
  }
}
