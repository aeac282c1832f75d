package dev.kc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kc.cli.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts are what kubectl 1.32 printed for the same objects. */
class YamlWriterTest {

  @Test
  void nestsMappingsAndKeepsSequencesUnindentedUnderKeys() {
    Object obj =
        Json.parse(
            "{\"kind\":\"List\",\"items\":[{\"a\":1,\"b\":{\"c\":[\"x\",\"y\"]}},"
                + "[1,2]],\"metadata\":{\"resourceVersion\":\"\"},\"empty\":{},\"none\":[],\"n\":nu"
                + "ll}");

    assertEquals(
        "empty: {}\n"
            + "items:\n"
            + "- a: 1\n"
            + "  b:\n"
            + "    c:\n"
            + "    - x\n"
            + "    - \"y\"\n"
            + "- - 1\n"
            + "  - 2\n"
            + "kind: List\n"
            + "metadata:\n"
            + "  resourceVersion: \"\"\n"
            + "\"n\": null\n"
            + "none: []\n",
        YamlWriter.write(obj));
  }

  @Test
  void quotesStringsExactlyAsKubectlDoes() {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("empty", "");
    data.put("bool", "true");
    data.put("num", "123");
    data.put("float", "1.5");
    data.put("octal", "0755");
    data.put("hex", "0x1F");
    data.put("colon", "a: b");
    data.put("hash", "a #b");
    data.put("leading", " leading space");
    data.put("trailing", "trailing space ");
    data.put("star", "*star");
    data.put("dash", "- dash");
    data.put("json", "{\"a\":1,\"b\":[1,2]}");
    data.put("url", "http://example.com/path?x=1");
    data.put("time", "2024-01-01T00:00:00Z");
    data.put("date", "2024-01-01");
    data.put("tab", "a\tb");
    data.put("html", "<b>&</b>");
    data.put("unicode", "h\u00e9llo w\u00f6rld \u2713");
    data.put("emoji", "\uD83D\uDE00");
    data.put("tilde", "~");
    data.put("nul", "null");
    data.put("base60", "1:20");
    data.put("quote", "it's");
    data.put("dq", "say \"hi\"");

    assertEquals(
        "base60: \"1:20\"\n"
            + "bool: \"true\"\n"
            + "colon: 'a: b'\n"
            + "dash: '- dash'\n"
            + "date: \"2024-01-01\"\n"
            + "dq: say \"hi\"\n"
            + "emoji: \"\\U0001F600\"\n"
            + "empty: \"\"\n"
            + "float: \"1.5\"\n"
            + "hash: 'a #b'\n"
            + "hex: \"0x1F\"\n"
            + "html: <b>&</b>\n"
            + "json: '{\"a\":1,\"b\":[1,2]}'\n"
            + "leading: ' leading space'\n"
            + "nul: \"null\"\n"
            + "num: \"123\"\n"
            + "octal: \"0755\"\n"
            + "quote: it's\n"
            + "star: '*star'\n"
            + "tab: \"a\\tb\"\n"
            + "tilde: \"~\"\n"
            + "time: \"2024-01-01T00:00:00Z\"\n"
            + "trailing: 'trailing space '\n"
            + "unicode: h\u00e9llo w\u00f6rld \u2713\n"
            + "url: http://example.com/path?x=1\n",
        YamlWriter.write(data));
  }

  @Test
  void writesMultiLineStringsAsLiteralBlocksUnlessTheyEndLinesWithSpaces() {
    Map<String, Object> data =
        Map.of(
            "multi", "line one\nline two\n",
            "multinl", "no trailing newline\nsecond",
            "trailspace", "line \nnext");

    assertEquals(
        "multi: |\n"
            + "  line one\n"
            + "  line two\n"
            + "multinl: |-\n"
            + "  no trailing newline\n"
            + "  second\n"
            + "trailspace: \"line \\nnext\"\n",
        YamlWriter.write(data));
  }

  @Test
  void foldsLongScalarsAfterColumnEighty() {
    Map<String, Object> data =
        Map.of(
            "longsingle",
                "'quoted' and then a very long piece of text that keeps going and going"
                    + " and going beyond eighty",
            "longword", "a".repeat(106) + " bbb");
    Map<String, Object> obj =
        Map.of(
            "data",
            data,
            "metadata",
            Map.of(
                "annotations",
                Map.of(
                    "a.long/annotation",
                    "This is a rather long annotation value that goes on and"
                        + " on past the eighty column limit for sure, yes indeed it does")));

    assertEquals(
        "data:\n"
            + "  longsingle: '\'\'quoted\'\' and then a very long piece of text that keeps going"
            + " and\n"
            + "    going and going beyond eighty'\n"
            + "  longword: "
            + "a".repeat(106)
            + "\n"
            + "    bbb\n"
            + "metadata:\n"
            + "  annotations:\n"
            + "    a.long/annotation: This is a rather long annotation value that goes on and on\n"
            + "      past the eighty column limit for sure, yes indeed it does\n",
        YamlWriter.write(obj));
  }

  @Test
  void sortsKeysInGoYamlNaturalOrder() {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    for (String k :
        List.of("key10", "key2", "Key3", "_under", "~tilde", "1num", "a-b", "ab", "a.b")) {
      data.put(k, "v");
    }

    assertEquals(
        "_under: v\n~tilde: v\n1num: v\nKey3: v\na-b: v\na.b: v\nab: v\nkey2: v\n" + "key10: v\n",
        YamlWriter.write(data));
  }

  @Test
  void formatsNumbersAndBooleans() {
    Object v = Json.parse("{\"i\":3,\"f\":1.5,\"big\":1234567.5,\"t\":true}");

    assertEquals("big: 1.2345675e+06\nf: 1.5\ni: 3\nt: true\n", YamlWriter.write(v));
  }
}
