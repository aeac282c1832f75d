package dev.kc.controlplane.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.controller.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Fence-posts and the template hash (§0.4). */
class DeploymentMathTest {
  static ObjectNode deployment(int replicas, String surge, String unavailable) {
    return Fixtures.parse(
        "{spec:{replicas:"
            + replicas
            + ",strategy:{type:'RollingUpdate',rollingUpdate:{maxSurge:"
            + surge
            + ",maxUnavailable:"
            + unavailable
            + "}}}}");
  }

  static Stream<Arguments> fencePosts() {
    return Stream.of(
        Arguments.of("1 replica at 25%/25% -> (1,0)", 1, "'25%'", "'25%'", 1, 0),
        Arguments.of("3 replicas at 25%/25% -> (1,0)", 3, "'25%'", "'25%'", 1, 0),
        Arguments.of("4 replicas at 25%/25% -> (1,1)", 4, "'25%'", "'25%'", 1, 1),
        Arguments.of("5 replicas at 25%/25% -> (2,1)", 5, "'25%'", "'25%'", 2, 1),
        Arguments.of("10 replicas at 25%/25% -> (3,2)", 10, "'25%'", "'25%'", 3, 2),
        Arguments.of("20 replicas at 25%/25% -> (5,5)", 20, "'25%'", "'25%'", 5, 5),
        Arguments.of("both round to zero -> unavailable 1", 3, "'0%'", "'25%'", 0, 1),
        Arguments.of("integers are taken as-is", 10, "3", "2", 3, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void fencePosts(String name, int replicas, String surge, String unav, long s, long u) {
    assertArrayEquals(new long[] {s, u}, Deployments.fencePosts(deployment(replicas, surge, unav)));
  }

  @Test
  void maxUnavailableIsZeroForNoReplicasAndClampedToReplicas() {
    assertEquals(0, Deployments.maxUnavailable(deployment(0, "'25%'", "'25%'")));
    assertEquals(2, Deployments.maxUnavailable(deployment(2, "0", "5")));
  }

  @Test
  void templateHashIsDeterministicAndIgnoresItsOwnLabel() {
    ObjectNode t = Fixtures.parse("{metadata:{labels:{app:'web'}},spec:{containers:[{name:'a'}]}}");
    ObjectNode labelled = t.deepCopy();
    Fixtures.merge(labelled, "{metadata:{labels:{'pod-template-hash':'xyz'}}}");
    ObjectNode changed = Fixtures.merge(t.deepCopy(), "{spec:{containers:[{name:'b'}]}}");

    String h = TemplateHash.compute(t, null);
    assertTrue(h.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), h);
    assertEquals(h, TemplateHash.compute(t.deepCopy(), null));
    assertEquals(h, TemplateHash.compute(labelled, null));
    assertNotEquals(h, TemplateHash.compute(changed, null));
    assertNotEquals(h, TemplateHash.compute(t, 1L));
    assertNotEquals(TemplateHash.compute(t, 1L), TemplateHash.compute(t, 2L));
  }
}
