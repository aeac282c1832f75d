package dev.kc.cli.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreeWayMergePatchTest {

  private static Map<String, Object> obj(String json) {
    return json.equals("null") ? null : Json.obj(Json.parse(json));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing changed|{\"a\":1}|{\"a\":1}|{\"a\":1,\"s\":9}|{}",
        "field changed|{\"a\":1}|{\"a\":2}|{\"a\":1}|{\"a\":2}",
        "field removed by user|{\"a\":1,\"b\":2}|{\"a\":1}|{\"a\":1,\"b\":2}|{\"b\":null}",
        "server-set field kept|{\"a\":1}|{\"a\":1,\"c\":3}|{\"a\":1,\"s\":9}|{\"c\":3}",
        "nested merge|{\"m\":{\"x\":1,\"y\":2}}|{\"m\":{\"x\":1}}|{\"m\":{\"x\":5,\"y\":2}}"
            + "|{\"m\":{\"x\":1,\"y\":null}}",
        "lists replaced whole|{\"l\":[1,2]}|{\"l\":[1,3]}|{\"l\":[1,2]}|{\"l\":[1,3]}",
        "no last applied|null|{\"a\":1}|{\"a\":1,\"b\":2}|{}",
        "live drifted back|{\"a\":1}|{\"a\":1}|{\"a\":7}|{\"a\":1}",
        "integer equals float|{\"a\":1}|{\"a\":1}|{\"a\":1.0}|{}",
        "explicit empty map is a value|{}|{\"e\":{}}|{}|{\"e\":{}}"
      })
  void computesKubectlsThreeWayPatch(
      String name, String original, String modified, String current, String expected) {
    PatchComputer.Patch p =
        ThreeWayMergePatch.INSTANCE.compute(obj(original), obj(modified), obj(current));

    assertEquals(expected, Json.compact(p.body()));
    assertEquals("application/merge-patch+json", p.contentType());
  }

  @Test
  void emptyPatchMeansUnchanged() {
    assertTrue(ThreeWayMergePatch.INSTANCE.compute(obj("{}"), obj("{}"), obj("{}")).isEmpty());
  }

  @Test
  void refusesToChangeKindOrName() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ThreeWayMergePatch.INSTANCE.compute(
                null, obj("{\"kind\":\"B\"}"), obj("{\"kind\":\"A\"}")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ThreeWayMergePatch.INSTANCE.compute(
                null,
                obj("{\"metadata\":{\"name\":\"y\"}}"),
                obj("{\"metadata\":{\"name\":\"x\"}}")));
  }
}
