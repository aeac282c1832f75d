package dev.kc.controlplane.controller.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlowStartTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("10 without failures: 1+2+4+3", 10, Set.of(), 10, 10, false),
        Arguments.of("3 without failures: 1+2", 3, Set.of(), 3, 3, false),
        Arguments.of("0 does nothing", 0, Set.of(), 0, 0, false),
        Arguments.of("first call fails: stop after 1", 10, Set.of(1), 0, 1, true),
        Arguments.of("second batch fails: its other call still runs", 10, Set.of(2), 2, 3, true),
        Arguments.of("third batch fails on its first call", 10, Set.of(4), 6, 7, true),
        Arguments.of("a failure in the last batch", 7, Set.of(7), 6, 7, true),
        Arguments.of("every call of a batch fails", 10, Set.of(4, 5, 6, 7), 3, 7, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void createsInDoublingBatchesAndStopsAfterAFailingBatch(
      String name, int count, Set<Integer> failing, int successes, int calls, boolean failed) {
    List<Integer> made = new ArrayList<>();
    SlowStart.Result r =
        SlowStart.run(
            count,
            1,
            () -> {
              int call = made.size() + 1;
              made.add(call);
              if (failing.contains(call)) {
                throw new IllegalStateException("call " + call);
              }
            });

    assertEquals(successes, r.successes());
    assertEquals(calls, made.size());
    if (failed) {
      assertEquals(
          "call " + failing.stream().min(Integer::compare).orElseThrow(), r.error().getMessage());
    } else {
      assertNull(r.error());
    }
  }
}
