package dev.kc.api.patch;

import static dev.kc.api.patch.TestJson.assertJson;
import static dev.kc.api.patch.TestJson.json;
import static dev.kc.api.patch.TestJson.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonMergePatchTest {

  static Stream<Arguments> applyCases() {
    return Stream.of(
        row("a changed value replaces the old one", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
        row("a new key is added", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
        row("null removes a key", "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
        row("null for an absent key is a no-op", "{'a':'b'}", "{'x':null}", "{'a':'b'}"),
        row("lists are replaced whole", "{'a':[1,2,3]}", "{'a':[4]}", "{'a':[4]}"),
        row(
            "objects merge recursively",
            "{'a':{'b':'c','d':'e'}}",
            "{'a':{'b':'x','d':null}}",
            "{'a':{'b':'x'}}"),
        row(
            "an object replaces a scalar and drops its own nulls",
            "{'a':'s'}",
            "{'a':{'b':'c','d':null}}",
            "{'a':{'b':'c'}}"),
        row("a scalar replaces an object", "{'a':{'b':'c'}}", "{'a':1}", "{'a':1}"),
        row("a non-object patch replaces the document", "{'a':'b'}", "['c']", "['c']"),
        row("an object patch turns a scalar document into an object", "'x'", "{'a':1}", "{'a':1}"),
        row("an empty patch changes nothing", "{'a':{'b':[1]}}", "{}", "{'a':{'b':[1]}}"),
        row(
            "nested null inside a list is kept as data",
            "{}",
            "{'a':[{'b':null}]}",
            "{'a':[{'b':null}]}"));
  }

  private static Arguments row(String name, String target, String patch, String expected) {
    return Arguments.of(name, json(target), json(patch), json(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applyCases")
  void appliesMergePatch(String name, JsonNode target, JsonNode patch, JsonNode expected) {
    JsonNode targetBefore = target.deepCopy();

    JsonNode result = JsonMergePatch.apply(target, patch);

    assertJson(expected, result);
    assertEquals(targetBefore, target, "target must be untouched");
  }

  static Stream<Arguments> createCases() {
    return Stream.of(
        row("equal documents give an empty patch", "{'a':{'b':[1]}}", "{'a':{'b':[1]}}", "{}"),
        row("a removed key becomes null", "{'a':1,'b':2}", "{'a':1}", "{'b':null}"),
        row("a changed list is sent whole", "{'a':[1,2]}", "{'a':[2]}", "{'a':[2]}"),
        row(
            "nested objects are diffed",
            "{'a':{'b':1,'c':2},'d':3}",
            "{'a':{'b':1,'c':5},'d':3}",
            "{'a':{'c':5}}"),
        row("an emptied object nulls its keys", "{'a':{'b':1}}", "{'a':{}}", "{'a':{'b':null}}"),
        row("numbers compare by value", "{'a':1}", "{'a':1.0}", "{}"),
        row("a type change sends the new value", "{'a':{'b':1}}", "{'a':'x'}", "{'a':'x'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("createCases")
  void createsMergePatch(String name, JsonNode original, JsonNode modified, JsonNode expected) {
    JsonNode patch = JsonMergePatch.create(original, modified);

    assertJson(expected, patch);
    JsonNode roundTrip = JsonMergePatch.apply(original, patch);
    assertTrue(JsonValues.equal(modified, roundTrip), () -> "round trip gave " + roundTrip);
  }

  static Stream<Arguments> kubectlApply() {
    List<Arguments> rows = new ArrayList<>();
    JsonNode cases = resource("kubectl-1.32-apply-merge-patch.json").get("cases");
    for (Map.Entry<String, JsonNode> entry : cases.properties()) {
      rows.add(Arguments.of(entry.getKey(), entry.getValue()));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "kubectl apply of a custom kind: {0}")
  @MethodSource("kubectlApply")
  void threeWayPatchMatchesKubectl(String name, JsonNode recorded) {
    JsonNode patch =
        JsonMergePatch.createThreeWay(
            recorded.get("original"), recorded.get("modified"), recorded.get("current"));

    assertJson(recorded.get("patch"), patch);
  }

  static Stream<Arguments> threeWayCases() {
    return Stream.of(
        Arguments.of(
            "fields only the live object has are kept",
            json("{'spec':{'a':1}}"),
            json("{'spec':{'a':2}}"),
            json("{'spec':{'a':1,'b':9},'status':{'ok':true}}"),
            json("{'spec':{'a':2}}")),
        Arguments.of(
            "without a last-applied configuration nothing is deleted",
            null,
            json("{'spec':{'a':2}}"),
            json("{'spec':{'a':1,'b':9}}"),
            json("{'spec':{'a':2}}")),
        Arguments.of(
            "a key removed from the file is deleted even if already gone",
            json("{'spec':{'a':1,'b':2}}"),
            json("{'spec':{'a':1}}"),
            json("{'spec':{'a':1}}"),
            json("{'spec':{'b':null}}")),
        Arguments.of(
            "a key the file re-adds after others removed it is sent",
            json("{'spec':{'a':1}}"),
            json("{'spec':{'a':1}}"),
            json("{'spec':{}}"),
            json("{'spec':{'a':1}}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("threeWayCases")
  void createsThreeWayMergePatch(
      String name, JsonNode original, JsonNode modified, JsonNode current, JsonNode expected) {
    assertJson(expected, JsonMergePatch.createThreeWay(original, modified, current));
  }
}
