package dev.kc.controlplane.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wall-clock time; timers run on one scheduler thread. */
public final class RealClock implements Clock {
  private static final Logger log = LoggerFactory.getLogger(RealClock.class);
  private static volatile RealClock shared;

  private final ScheduledExecutorService scheduler;
  private final Activity activity = new Activity();

  public RealClock() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clock");
              t.setDaemon(true);
              return t;
            });
  }

  static RealClock shared() {
    RealClock c = shared;
    if (c == null) {
      synchronized (RealClock.class) {
        if (shared == null) {
          shared = new RealClock();
        }
        c = shared;
      }
    }
    return c;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public Timer schedule(Instant at, Runnable task) {
    long delay = Math.max(0, Duration.between(Instant.now(), at).toNanos());
    ScheduledFuture<?> f =
        scheduler.schedule(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                log.warn("timer task failed", e);
              }
            },
            delay,
            TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public Activity activity() {
    return activity;
  }
}
