package dev.kc.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON fixtures for patch tests. Test JSON may use single quotes to stay readable in Java. */
final class TestJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private TestJson() {}

  /** Parses JSON written with single or double quotes. */
  static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }

  /** Reads a JSON resource next to this class. */
  static JsonNode resource(String name) {
    try (InputStream in = TestJson.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts deep equality (object key order ignored, list order significant). */
  static void assertJson(JsonNode expected, JsonNode actual) {
    assertEquals(expected, actual, () -> "expected " + expected + "\n but was " + actual);
  }
}
