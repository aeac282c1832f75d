package dev.kc.api.patch;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random, mostly malformed documents built from Deployment field names and patch directives: the
 * patch functions may succeed or throw {@link PatchException}, never anything else.
 */
class PatchFuzzTest {
  private static final int ROUNDS = 2000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final PatchMeta DEPLOYMENT = PatchMeta.forKind("apps/v1", "Deployment");
  private static final List<String> KEYS =
      List.of(
          "metadata",
          "spec",
          "template",
          "containers",
          "env",
          "ports",
          "name",
          "containerPort",
          "finalizers",
          "volumes",
          "strategy",
          "type",
          "image",
          "args",
          "tolerations",
          "labels",
          "$patch",
          "$retainKeys",
          "$setElementOrder/containers",
          "$setElementOrder/finalizers",
          "$deleteFromPrimitiveList/finalizers",
          "$deleteFromPrimitiveList/containers",
          "$setElementOrder/env",
          "$setElementOrder",
          "$setElementOrder/tolerations");
  private static final List<String> STRINGS =
      List.of("delete", "replace", "merge", "bogus", "a", "name", "type", "app");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void onlyPatchExceptionEscapes(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode a = deployment(random);
      JsonNode b = deployment(random);
      JsonNode c = deployment(random);
      check(seed, round, "apply", () -> StrategicMergePatch.apply(a, b, DEPLOYMENT));
      check(seed, round, "twoWay", () -> StrategicMergePatch.createTwoWay(a, b, DEPLOYMENT));
      check(
          seed,
          round,
          "threeWay",
          () -> StrategicMergePatch.createThreeWay(a, b, c, DEPLOYMENT, random.nextBoolean()));
      check(seed, round, "mergeThreeWay", () -> JsonMergePatch.createThreeWay(a, b, c));
    }
  }

  private static void check(long seed, int round, String what, Runnable call) {
    try {
      call.run();
    } catch (PatchException expected) {
      // Malformed input is reported this way.
    } catch (RuntimeException | StackOverflowError e) {
      fail(what + " threw " + e + " (seed " + seed + ", round " + round + ")", e);
    }
  }

  /** Random values under Deployment's real paths, so directives meet real merged lists. */
  private static ObjectNode deployment(Random random) {
    ObjectNode root = object(random, 2);
    root.set("metadata", object(random, 3));
    ObjectNode podSpec = object(random, 4);
    ArrayNode containers = NODES.arrayNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      ObjectNode container = object(random, 3);
      if (random.nextInt(4) > 0) {
        container.put("name", STRINGS.get(random.nextInt(3)));
      }
      containers.add(random.nextInt(8) > 0 ? container : value(random, 2));
    }
    podSpec.set("containers", containers);
    ObjectNode spec = object(random, 3);
    spec.set("template", NODES.objectNode().set("spec", podSpec));
    root.set("spec", spec);
    return root;
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode object = NODES.objectNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      object.set(KEYS.get(random.nextInt(KEYS.size())), value(random, depth - 1));
    }
    return object;
  }

  private static JsonNode value(Random random, int depth) {
    switch (random.nextInt(depth > 0 ? 7 : 4)) {
      case 0:
        return NODES.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
      case 1:
        return NODES.numberNode(random.nextInt(3) * 40);
      case 2:
        return NODES.nullNode();
      case 3:
        return NODES.booleanNode(random.nextBoolean());
      case 4:
      case 5:
        return object(random, depth);
      default:
        ArrayNode list = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
          list.add(value(random, depth - 1));
        }
        return list;
    }
  }
}
