package dev.kc.controlplane.kubelet;

import java.time.Duration;

/**
 * The kubelet's restart and image-pull back-off: the first retry is immediate for restarts, then 10
 * s, doubling up to 5 minutes.
 */
final class Backoff {
  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofMinutes(5);

  private Duration next;

  Backoff(boolean firstImmediate) {
    this.next = firstImmediate ? Duration.ZERO : INITIAL;
  }

  /** The delay before the coming retry; the one after it doubles. */
  Duration take() {
    Duration d = next;
    next = d.isZero() ? INITIAL : (d.multipliedBy(2).compareTo(MAX) > 0 ? MAX : d.multipliedBy(2));
    return d;
  }

  /** The delay the coming retry will wait, without taking it. */
  Duration peek() {
    return next;
  }

  void reset(boolean firstImmediate) {
    next = firstImmediate ? Duration.ZERO : INITIAL;
  }
}
