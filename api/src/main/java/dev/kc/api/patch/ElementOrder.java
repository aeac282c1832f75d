package dev.kc.api.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The ordering rules of merged lists, after the design "preserve order in strategic merge patch"
 * that the API server implements: the order requested by the patch wins for the elements it names,
 * and the elements it does not name keep their places relative to the live list.
 *
 * <p>Elements are compared by an identity: the merge-key value for lists of objects, the value
 * itself for lists of scalars.
 */
final class ElementOrder {
  private final Function<JsonNode, String> identity;

  private ElementOrder(Function<JsonNode, String> identity) {
    this.identity = identity;
  }

  /**
   * @param identity maps an element to its identity, or to {@code null} if it has none
   */
  static ElementOrder of(Function<JsonNode, String> identity) {
    return new ElementOrder(identity);
  }

  /**
   * Orders {@code merged}:
   *
   * <ol>
   *   <li>elements named in {@code desired} are sorted by their position there;
   *   <li>the others are sorted by their position in {@code server} (the list before the patch);
   *   <li>the two runs are interleaved: before each named element, every unnamed element that came
   *       before it in {@code server} is emitted. Named elements that {@code server} lacks are
   *       emitted as soon as they are reached, which is why an element appended by a patch without
   *       {@code $setElementOrder} ends up first.
   * </ol>
   *
   * <p>Example: server {@code [a, b, c]}, desired {@code [c, x]}, merged {@code [a, b, c, x]}.
   * Named run {@code [c, x]}, unnamed run {@code [a, b]}; {@code a} and {@code b} precede {@code c}
   * in server, so the result is {@code [a, b, c, x]}. With desired {@code [x]} instead the named
   * run starts with {@code x}, unknown to server, giving {@code [x, a, b, c]}.
   */
  List<JsonNode> normalize(List<JsonNode> merged, List<JsonNode> desired, List<JsonNode> server) {
    Map<String, Integer> desiredIndex = firstIndexes(desired);
    Map<String, Integer> serverIndex = firstIndexes(server);
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> unnamed = new ArrayList<>();
    for (JsonNode element : merged) {
      String id = identity.apply(element);
      if (id != null && desiredIndex.containsKey(id)) {
        named.add(element);
      } else {
        unnamed.add(element);
      }
    }
    named.sort(Comparator.comparingInt(element -> desiredIndex.get(identity.apply(element))));
    unnamed.sort(Comparator.comparingInt(element -> indexOf(serverIndex, element)));
    return interleave(unnamed, named, serverIndex);
  }

  /**
   * Checks that the named patch elements appear in {@code order}, in the same relative order.
   *
   * @throws PatchException if they do not
   */
  void requireConsistent(List<JsonNode> patchElements, List<JsonNode> order, String path) {
    int patchIndex = 0;
    for (int orderIndex = 0;
        orderIndex < order.size() && patchIndex < patchElements.size();
        orderIndex++) {
      String patchId = identity.apply(patchElements.get(patchIndex));
      if (Objects.equals(patchId, identity.apply(order.get(orderIndex)))) {
        patchIndex++;
      }
    }
    if (patchIndex < patchElements.size()) {
      throw PatchException.at(
          path,
          "the list elements in the patch are missing from, or ordered differently than, its "
              + Directives.SET_ELEMENT_ORDER
              + " list");
    }
  }

  private List<JsonNode> interleave(
      List<JsonNode> unnamed, List<JsonNode> named, Map<String, Integer> serverIndex) {
    List<JsonNode> out = new ArrayList<>(unnamed.size() + named.size());
    int i = 0;
    int j = 0;
    while (i < unnamed.size() && j < named.size()) {
      int left = serverIndex.getOrDefault(identity.apply(unnamed.get(i)), -1);
      int right = serverIndex.getOrDefault(identity.apply(named.get(j)), -1);
      if (left >= 0 && right >= 0 && left < right) {
        out.add(unnamed.get(i++));
      } else {
        out.add(named.get(j++));
      }
    }
    out.addAll(unnamed.subList(i, unnamed.size()));
    out.addAll(named.subList(j, named.size()));
    return out;
  }

  private int indexOf(Map<String, Integer> indexes, JsonNode element) {
    String id = identity.apply(element);
    return id == null ? Integer.MAX_VALUE : indexes.getOrDefault(id, Integer.MAX_VALUE);
  }

  private Map<String, Integer> firstIndexes(List<JsonNode> elements) {
    Map<String, Integer> indexes = new HashMap<>();
    for (int i = 0; i < elements.size(); i++) {
      String id = identity.apply(elements.get(i));
      if (id != null) {
        indexes.putIfAbsent(id, i);
      }
    }
    return indexes;
  }
}
