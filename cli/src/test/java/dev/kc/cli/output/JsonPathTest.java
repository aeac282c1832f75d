package dev.kc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {

  private static final Object LIST =
      Json.parse(
          "{\"kind\":\"List\",\"items\":["
              + "{\"metadata\":{\"name\":\"a\",\"labels\":{\"app.kubernetes.io/name\":\"web\"}},"
              + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],\"n\":3}},"
              + "{\"metadata\":{\"name\":\"b\"},\"status\":{\"conditions\":"
              + "[{\"type\":\"Ready\",\"status\":\"False\"}],\"n\":1.5}},"
              + "{\"metadata\":{\"name\":\"c\"},\"spec\":{\"ports\":[{\"port\":80},{\"port\":443}]}"
              + "}]}");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{.items[*].metadata.name}|a b c",
        "{.items[0].metadata.name}|a",
        "{.items[-1].metadata.name}|c",
        "{.items[0:2].metadata.name}|a b",
        "{.items[0,2].metadata.name}|a c",
        "{.items[*]['metadata.name']}|''",
        "{.items[?(@.status.n>2)].metadata.name}|a",
        "{.items[?(@.status.conditions[0].status==\"False\")].metadata.name}|b",
        "{.items[?(@.spec)].metadata.name}|c",
        "{..port}|80 443",
        "{.items[0].metadata.labels.app\\.kubernetes\\.io/name}|web",
        "{.items[2].spec.ports}|[{\"port\":80},{\"port\":443}]",
        "{.items[1].status.n}|1.5",
        "{.kind}{.missing}|List",
        "name: {.items[0].metadata.name}!|name: a!"
      })
  void evaluatesTemplatesLikeKubectl(String template, String expected) {
    assertEquals(expected, JsonPath.parse(template).execute(LIST));
  }

  @Test
  void rangeIteratesWithTheElementAsCurrentValue() {
    JsonPath p =
        JsonPath.parse("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.n}{\"\\n\"}{end}");

    assertEquals("a\t3\nb\t1.5\nc\t\n", p.execute(LIST));
  }

  @Test
  void reportsUnclosedActions() {
    CliException e = assertThrows(CliException.class, () -> JsonPath.parse("{.items[*"));

    assertTrue(
        e.getMessage().startsWith("error: error parsing jsonpath {.items[*, "), e.getMessage());
  }

  @Test
  void rangeWithoutEndIsAnError() {
    assertThrows(CliException.class, () -> JsonPath.parse("{range .items[*]}{.a}"));
  }
}
