package dev.kc.cli.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void readsEveryDocumentAndSkipsEmptyOnes() {
    String text = "---\n# only a comment\n---\na: 1\n---\n---\nb: [x, 2]\n...\n";

    List<Object> docs = Yaml.parseAll(text);

    assertEquals(List.of(Map.of("a", 1L), Map.of("b", List.of("x", 2L))), docs);
  }

  @Test
  void keepsQuotedScalarsAsStrings() {
    Object doc = Yaml.parse("a: \"1\"\nb: 1\nc: '1.5'\nd: 1.5\ne: true\nf: null\ng: ~\n");

    assertEquals("1", Json.str(doc, "a"));
    assertEquals(1L, Json.at(doc, "b"));
    assertEquals("1.5", Json.str(doc, "c"));
    assertEquals(1.5, Json.at(doc, "d"));
    assertEquals(true, Json.at(doc, "e"));
    assertTrue(Json.obj(doc).containsKey("f"));
    // YAML 1.2 (the Jackson YAML engine) reads a bare ~ as the string "~"; Go's YAML 1.1 reads
    // null. Pinned here so a change of engine behaviour is noticed.
    assertEquals("~", Json.at(doc, "g"));
  }

  @Test
  void readsBlockScalars() {
    Object doc = Yaml.parse("s: |\n  one\n  two\n");

    assertEquals("one\ntwo\n", Json.str(doc, "s"));
  }

  @Test
  void reportsTheLineOfASyntaxError() {
    Yaml.YamlException e =
        assertThrows(Yaml.YamlException.class, () -> Yaml.parseAll("a: 1\nb: [\nc: d: e\n"));

    assertTrue(e.line() > 0, "line " + e.line());
  }
}
