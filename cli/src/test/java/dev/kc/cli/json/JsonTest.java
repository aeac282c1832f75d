package dev.kc.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void parsesNestedValuesKeepingMemberOrder() {
    Object v = Json.parse("{\"b\":1,\"a\":[true,null,\"x\",2.5],\"c\":{\"d\":-3}}");

    Map<String, Object> m = Json.obj(v);
    assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
    assertEquals(1L, m.get("b"));
    assertEquals(java.util.Arrays.asList(true, null, "x", 2.5), m.get("a"));
    assertEquals(-3L, Json.at(v, "c", "d"));
  }

  @Test
  void decodesStringEscapesIncludingUnicode() {
    assertEquals("a\"b\\c\n\t\u00e9/", Json.parse("\"a\\\"b\\\\c\\n\\t\\u00e9\\/\""));
  }

  @Test
  void integersBeyondLongBecomeDoubles() {
    assertInstanceOf(Double.class, Json.parse("123456789012345678901234"));
    assertEquals(9223372036854775807L, Json.parse("9223372036854775807"));
  }

  @Test
  void rejectsTrailingGarbageAndTruncatedInput() {
    assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\":1} x"));
    assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\":"));
    assertThrows(Json.JsonException.class, () -> Json.parse("[1 2]"));
  }

  @Test
  void parseAllReadsConcatenatedValues() {
    assertEquals(List.of(Map.of("a", 1L), List.of(2L)), Json.parseAll(" {\"a\":1}\n[2] \n"));
    assertEquals(List.of(), Json.parseAll("  \n"));
  }

  @Test
  void compactSortsKeysAndEscapesLikeGo() {
    Object v = Json.parse("{\"z\":\"<a&b>\",\"a\":{\"y\":1,\"x\":[]},\"m\":\"\\u2028\\u0001\"}");

    assertEquals(
        "{\"a\":{\"x\":[],\"y\":1},\"m\":\"\\u2028\\u0001\",\"z\":\"\\u003ca\\u0026b\\u003e\"}",
        Json.compact(v));
  }

  @Test
  void prettyUsesFourSpacesLikeKubectl() {
    Object v = Json.parse("{\"b\":[1,{}],\"a\":\"x\"}");

    assertEquals(
        "{\n    \"a\": \"x\",\n    \"b\": [\n        1,\n        {}\n    ]\n}", Json.pretty(v));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1.0, 1",
    "2.5, 2.5",
    "0.000001, 0.000001",
    "1.0E-7, 1e-07",
    "1.0E21, 1e+21",
    "123456.789, 123456.789"
  })
  void formatsFloatsLikeGoEncodingJson(double value, String expected) {
    assertEquals(expected, Json.formatNumber(value));
  }

  @Test
  void pathHelpersReturnNullForMissingOrMistypedSteps() {
    Object v = Json.parse("{\"a\":{\"b\":\"s\"}}");

    assertEquals("s", Json.str(v, "a", "b"));
    assertNull(Json.str(v, "a", "c"));
    assertNull(Json.obj(v, "a", "b"));
    assertNull(Json.arr(v, "a"));
    assertNull(Json.at(v, "a", "b", "c"));
  }

  @Test
  void copyIsDeep() {
    Map<String, Object> original = Json.obj(Json.parse("{\"a\":{\"b\":[1]}}"));
    Map<String, Object> copy = Json.copy(original);

    Json.obj(copy, "a").put("c", 2L);
    Json.arr(copy, "a", "b").add(3L);

    assertEquals("{\"a\":{\"b\":[1]}}", Json.compact(original));
  }
}
