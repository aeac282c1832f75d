package dev.kc.controlplane.kubelet.sim;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/** What a blocked {@link Task} waits for. */
interface Wait {
  boolean isReady(Instant now);

  /** When the wait ends by itself, or null if it ends on an event. */
  default Instant until() {
    return null;
  }

  /** Whether a trapped signal may cut it short ({@code wait}, not a foreground program). */
  default boolean isInterruptible() {
    return false;
  }

  static Wait until(Instant time) {
    return new Wait() {
      @Override
      public boolean isReady(Instant now) {
        return !now.isBefore(time);
      }

      @Override
      public Instant until() {
        return time;
      }
    };
  }

  static Wait on(BooleanSupplier condition) {
    return now -> condition.getAsBoolean();
  }

  static Wait interruptibly(BooleanSupplier condition) {
    return new Wait() {
      @Override
      public boolean isReady(Instant now) {
        return condition.getAsBoolean();
      }

      @Override
      public boolean isInterruptible() {
        return true;
      }
    };
  }
}
