package dev.kc.api.patch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property checks over random small documents: a created patch, applied to the document it was
 * created from, yields the target document. Each seed runs {@link #ROUNDS} random pairs; a failure
 * message names the seed, the round and the documents.
 */
class PatchRoundTripPropertyTest {
  private static final int ROUNDS = 300;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYS = List.of("a", "b", "c", "d", "e");
  private static final List<String> NAMES = List.of("app", "side", "init", "log", "db", "web");
  private static final List<String> TAGS = List.of("x", "y", "z", "w");
  private static final List<Integer> PORTS = List.of(80, 443, 8080, 9090);

  /** A made-up kind with every list flavour: keyed (nested), set, atomic, plus free maps. */
  private static final PatchMeta PORT = PatchMeta.builder("Port").build();

  private static final PatchMeta ITEM =
      PatchMeta.builder("Item")
          .mergedSet("tags")
          .atomicList("args")
          .mergedList("ports", "port", PORT)
          .build();
  private static final PatchMeta THING =
      PatchMeta.builder("Thing")
          .mergedList("items", "name", ITEM)
          .mergedSet("finalizers")
          .atomicList("args")
          .build();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void jsonMergePatchCreateThenApplyYieldsTarget(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode a = anyObject(random, 3);
      JsonNode b = random.nextBoolean() ? anyObject(random, 3) : mutate(random, a, 3);

      JsonNode result = JsonMergePatch.apply(a, JsonMergePatch.create(a, b));

      assertRoundTrip(seed, round, a, b, result);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void strategicTwoWayCreateThenApplyYieldsTarget(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode a = thing(random);
      JsonNode b = random.nextBoolean() ? thing(random) : mutateThing(random, a);

      JsonNode patch = StrategicMergePatch.createTwoWay(a, b, THING);
      JsonNode result = StrategicMergePatch.apply(a, patch, THING);

      assertRoundTrip(seed, round, a, b, result);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void strategicThreeWayWithoutForeignChangesYieldsManifest(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode lastApplied = thing(random);
      JsonNode manifest = random.nextBoolean() ? thing(random) : mutateThing(random, lastApplied);

      JsonNode patch =
          StrategicMergePatch.createThreeWay(lastApplied, manifest, lastApplied, THING, true);
      JsonNode result = StrategicMergePatch.apply(lastApplied, patch, THING);

      assertRoundTrip(seed, round, lastApplied, manifest, result);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void strategicThreeWayKeepsFieldsOnlyTheLiveObjectHas(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < ROUNDS; round++) {
      JsonNode lastApplied = thing(random);
      JsonNode manifest = random.nextBoolean() ? thing(random) : mutateThing(random, lastApplied);
      ObjectNode live = (ObjectNode) lastApplied.deepCopy();
      live.set("status", anyObject(random, 2));
      ObjectNode expected = (ObjectNode) manifest.deepCopy();
      expected.set("status", live.get("status"));
      // A foreign label survives unless the manifest drops the whole labels map it once had.
      if (manifest.has("labels") || !lastApplied.has("labels")) {
        live.withObject("labels").put("zz-foreign", "kept");
        expected.withObject("labels").put("zz-foreign", "kept");
      }

      JsonNode patch = StrategicMergePatch.createThreeWay(lastApplied, manifest, live, THING, true);
      JsonNode result = StrategicMergePatch.apply(live, patch, THING);

      assertRoundTrip(seed, round, live, expected, result);
    }
  }

  private static void assertRoundTrip(
      long seed, int round, JsonNode from, JsonNode expected, JsonNode actual) {
    assertTrue(
        JsonValues.equal(expected, actual),
        () ->
            "seed "
                + seed
                + " round "
                + round
                + "\n from:     "
                + from
                + "\n expected: "
                + expected
                + "\n actual:   "
                + actual);
  }

  // --- generators for the Thing kind

  private static ObjectNode thing(Random random) {
    ObjectNode thing = NODES.objectNode();
    maybe(random, () -> thing.set("items", items(random)));
    maybe(random, () -> thing.set("finalizers", set(random, TAGS)));
    maybe(random, () -> thing.set("args", scalars(random)));
    maybe(random, () -> thing.set("labels", stringMap(random)));
    maybe(random, () -> thing.set("spec", anyObject(random, 2)));
    return thing;
  }

  private static ArrayNode items(Random random) {
    ArrayNode items = NODES.arrayNode();
    for (String name : subset(random, NAMES)) {
      ObjectNode item = NODES.objectNode().put("name", name);
      maybe(random, () -> item.put("image", name + ":" + random.nextInt(3)));
      maybe(random, () -> item.set("tags", set(random, TAGS)));
      maybe(random, () -> item.set("args", scalars(random)));
      maybe(random, () -> item.set("ports", ports(random)));
      maybe(random, () -> item.set("conf", anyObject(random, 1)));
      items.add(item);
    }
    return items;
  }

  private static ArrayNode ports(Random random) {
    ArrayNode ports = NODES.arrayNode();
    for (Integer port : subset(random, PORTS)) {
      ObjectNode element = NODES.objectNode().put("port", port);
      maybe(random, () -> element.put("protocol", random.nextBoolean() ? "TCP" : "UDP"));
      ports.add(element);
    }
    return ports;
  }

  /** Either a fresh variant of each field or the original, so pairs share structure. */
  private static JsonNode mutateThing(Random random, JsonNode original) {
    ObjectNode fresh = thing(random);
    ObjectNode out = NODES.objectNode();
    for (String field : List.of("items", "finalizers", "args", "labels", "spec")) {
      JsonNode chosen;
      if (field.equals("items") && original.has("items") && random.nextBoolean()) {
        chosen = mutateItems(random, original.get("items"));
      } else {
        chosen = random.nextInt(3) == 0 ? fresh.get(field) : original.get(field);
      }
      if (chosen != null) {
        out.set(field, chosen.deepCopy());
      }
    }
    return out;
  }

  /** Shuffles, drops and edits elements of a keyed list, keeping names unique. */
  private static ArrayNode mutateItems(Random random, JsonNode items) {
    List<JsonNode> elements = new ArrayList<>();
    for (JsonNode item : items) {
      if (random.nextInt(4) > 0) {
        ObjectNode copy = (ObjectNode) item.deepCopy();
        maybe(random, () -> copy.put("image", "changed"));
        maybe(random, () -> copy.remove("tags"));
        maybe(random, () -> copy.set("ports", ports(random)));
        elements.add(copy);
      }
    }
    if (random.nextBoolean()) {
      Collections.shuffle(elements, random);
    }
    ArrayNode out = NODES.arrayNode();
    out.addAll(elements);
    return out;
  }

  // --- generic JSON generators (no nulls: merge patch cannot express null values)

  private static ObjectNode anyObject(Random random, int depth) {
    ObjectNode object = NODES.objectNode();
    for (String key : subset(random, KEYS)) {
      object.set(key, anyValue(random, depth - 1));
    }
    return object;
  }

  private static JsonNode anyValue(Random random, int depth) {
    int choice = random.nextInt(depth > 0 ? 6 : 4);
    switch (choice) {
      case 0:
        return NODES.stringNode(KEYS.get(random.nextInt(KEYS.size())));
      case 1:
        return NODES.numberNode(random.nextInt(4));
      case 2:
        return NODES.booleanNode(random.nextBoolean());
      case 3:
        return scalars(random);
      case 4:
        return anyObject(random, depth);
      default:
        ArrayNode list = NODES.arrayNode();
        list.add(anyObject(random, depth - 1));
        return list;
    }
  }

  private static JsonNode mutate(Random random, JsonNode original, int depth) {
    ObjectNode out = (ObjectNode) original.deepCopy();
    for (String key : KEYS) {
      int action = random.nextInt(4);
      if (action == 0) {
        out.remove(key);
      } else if (action == 1) {
        out.set(key, anyValue(random, depth - 1));
      } else if (action == 2 && out.has(key) && out.get(key).isObject() && depth > 1) {
        out.set(key, mutate(random, out.get(key), depth - 1));
      }
    }
    return out;
  }

  private static ObjectNode stringMap(Random random) {
    ObjectNode map = NODES.objectNode();
    subset(random, KEYS).forEach(key -> map.put(key, "v" + random.nextInt(3)));
    return map;
  }

  private static ArrayNode scalars(Random random) {
    ArrayNode list = NODES.arrayNode();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      list.add(TAGS.get(random.nextInt(TAGS.size())));
    }
    return list;
  }

  private static ArrayNode set(Random random, List<String> pool) {
    ArrayNode set = NODES.arrayNode();
    subset(random, pool).forEach(set::add);
    return set;
  }

  /** A random subset of distinct values in random order. */
  private static <T> List<T> subset(Random random, List<T> pool) {
    List<T> shuffled = new ArrayList<>(pool);
    Collections.shuffle(shuffled, random);
    return shuffled.subList(0, random.nextInt(pool.size() + 1));
  }

  private static void maybe(Random random, Runnable action) {
    if (random.nextBoolean()) {
      action.run();
    }
  }
}
