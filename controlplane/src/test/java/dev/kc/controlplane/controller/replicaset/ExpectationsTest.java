package dev.kc.controlplane.controller.replicaset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"), null);
  final Expectations e = new Expectations(clock);

  @Test
  void unknownKeysAreSatisfied() {
    assertTrue(e.satisfied("ns/rs"));
  }

  @Test
  void creationsMustAllBeObserved() {
    e.expectCreations("ns/rs", 2);
    assertFalse(e.satisfied("ns/rs"));
    e.creationObserved("ns/rs");
    assertFalse(e.satisfied("ns/rs"));
    e.creationObserved("ns/rs");
    assertTrue(e.satisfied("ns/rs"));
  }

  @Test
  void deletionsCountOncePerPodEvenWhenSeenTwice() {
    e.expectDeletions("ns/rs", List.of("ns/a", "ns/b"));
    e.deletionObserved("ns/rs", "ns/a");
    e.deletionObserved("ns/rs", "ns/a");
    e.deletionObserved("ns/rs", "ns/other");
    assertFalse(e.satisfied("ns/rs"));
    e.deletionObserved("ns/rs", "ns/b");
    assertTrue(e.satisfied("ns/rs"));
  }

  @Test
  void unmetExpectationsExpireAfterFiveMinutes() throws InterruptedException {
    e.expectCreations("ns/rs", 1);
    clock.advance(Duration.ofMinutes(5));
    assertFalse(e.satisfied("ns/rs"));
    clock.advance(Duration.ofSeconds(1));
    assertTrue(e.satisfied("ns/rs"));
  }

  @Test
  void deletingAKeyForgetsIt() {
    e.expectCreations("ns/rs", 3);
    e.delete("ns/rs");
    assertTrue(e.satisfied("ns/rs"));
  }
}
