package dev.kc.controlplane.controller.replicaset;

import static dev.kc.controlplane.controller.testing.Fixtures.merge;
import static dev.kc.controlplane.controller.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PodRankingTest {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  /** A scheduled, running, ready pod created and ready at the given times (all else equal). */
  static ObjectNode running(String node, String created, String readySince, String... patches) {
    ObjectNode p =
        pod(
            "x",
            "{metadata:{uid:'m',creationTimestamp:'"
                + created
                + "'},spec:{nodeName:'"
                + node
                + "'},status:{phase:'Running',conditions:[{type:'Ready',status:'True',"
                + "lastTransitionTime:'"
                + readySince
                + "'}]}}");
    return merge(p, patches);
  }

  static ObjectNode base(String... patches) {
    return running("n1", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", patches);
  }

  static final String NOT_READY =
      "{status:{conditions:[{type:'Ready',status:'False',lastTransitionTime:"
          + "'2026-01-01T10:00:00Z'}]}}";

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(
            "1. unscheduled before scheduled",
            base("{spec:{nodeName:''},status:{phase:'Pending'}}"),
            base(),
            Map.of()),
        Arguments.of(
            "2. Pending before Unknown",
            base("{status:{phase:'Pending'}}"),
            base("{status:{phase:'Unknown'}}"),
            Map.of()),
        Arguments.of(
            "2. Unknown before Running", base("{status:{phase:'Unknown'}}"), base(), Map.of()),
        Arguments.of(
            "2. phase outranks readiness",
            base("{status:{phase:'Pending'}}"),
            base(NOT_READY),
            Map.of()),
        Arguments.of("3. not ready before ready", base(NOT_READY), base(), Map.of()),
        Arguments.of(
            "4. lower deletion cost first",
            base("{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'-5'}}}"),
            base(),
            Map.of()),
        Arguments.of(
            "4. cost outranks co-location",
            base("{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'1'}}}"),
            running(
                "n2",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:00:00Z",
                "{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'2'}}}"),
            Map.of("n1", 1, "n2", 5)),
        Arguments.of(
            "4. a malformed cost counts as 0",
            base("{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'x'}}}"),
            base("{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'1'}}}"),
            Map.of()),
        Arguments.of(
            "5. doubled up on its node first",
            running("n2", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z"),
            base(),
            Map.of("n1", 1, "n2", 3)),
        Arguments.of(
            "6. ready more recently first",
            running("n1", "2026-01-01T10:00:00Z", "2026-01-01T11:59:00Z"),
            base(),
            Map.of()),
        Arguments.of(
            "6. same log2 bucket of readiness: by uid",
            running(
                "n1",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:00:00Z",
                "{metadata:{uid:'a'},status:{conditions:[{type:'Ready',status:'True',"
                    + "lastTransitionTime:'2026-01-01T10:00:10Z'}]}}"),
            running("n1", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", "{metadata:{uid:'b'}}"),
            Map.of()),
        Arguments.of(
            "7. more restarts first",
            base("{status:{containerStatuses:[{name:'app',restartCount:3}]}}"),
            base("{status:{containerStatuses:[{name:'app',restartCount:1}]}}"),
            Map.of()),
        Arguments.of(
            "7. sidecar restarts break a tie",
            base(
                "{spec:{initContainers:[{name:'s',image:'x',restartPolicy:'Always'}]},"
                    + "status:{initContainerStatuses:[{name:'s',restartCount:2}]}}"),
            base("{spec:{initContainers:[{name:'s',image:'x',restartPolicy:'Always'}]}}"),
            Map.of()),
        Arguments.of(
            "8. created more recently first",
            running("n1", "2026-01-01T11:00:00Z", "2026-01-01T10:00:00Z"),
            base(),
            Map.of()),
        Arguments.of(
            "8. same log2 bucket of age: by uid",
            running("n1", "2026-01-01T09:59:00Z", "2026-01-01T10:00:00Z", "{metadata:{uid:'a'}}"),
            running("n1", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", "{metadata:{uid:'b'}}"),
            Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void ranksTheCheaperPodFirst(
      String name, ObjectNode first, ObjectNode second, Map<String, Integer> onNode) {
    PodRanking r = new PodRanking(onNode, NOW);
    assertTrue(r.less(first, second), "first before second");
    assertFalse(r.less(second, first), "not the other way round");
    assertEquals(-1, r.compare(first, second));
  }
}
