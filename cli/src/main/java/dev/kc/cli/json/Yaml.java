package dev.kc.cli.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML (kubeconfig files and manifests) into the {@link Json} value model using Jackson's
 * streaming YAML parser. Databind is deliberately not used: it would double the CLI's start-up time
 * for no benefit, as every consumer works on plain maps and lists.
 *
 * <p>This class is only loaded when YAML is actually read, so commands that never read YAML do not
 * pay for the YAML engine.
 */
public final class Yaml {

  private Yaml() {}

  /**
   * Parses every document of a (possibly multi-document) YAML stream.
   *
   * @return one value per non-empty document, in order; documents that hold only comments or
   *     nothing are skipped, as kubectl skips them
   * @throws YamlException with a line-numbered message when the text is not valid YAML
   */
  public static List<Object> parseAll(String text) {
    List<Object> docs = new ArrayList<>();
    YAMLFactory factory =
        YAMLFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Object value = read(p, t);
        if (value != null) {
          docs.add(value);
        }
      }
    } catch (JacksonException e) {
      throw new YamlException(e.getOriginalMessage(), lineOf(e));
    }
    return docs;
  }

  /** Parses a single-document YAML text; an empty text yields {@code null}. */
  public static Object parse(String text) {
    List<Object> docs = parseAll(text);
    return docs.isEmpty() ? null : docs.get(0);
  }

  private static int lineOf(JacksonException e) {
    return e.getLocation() == null ? -1 : e.getLocation().getLineNr();
  }

  private static Object read(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT:
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = p.currentName();
          m.put(key, read(p, p.nextToken()));
        }
        return m;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(p, item));
        }
        return list;
      case VALUE_STRING:
        return p.getString();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getDoubleValue();
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        // Embedded binary and the like do not occur in Kubernetes YAML; keep the text.
        return p.getString();
    }
  }

  /** A YAML syntax error, with the 1-based line it was found on (or -1 if unknown). */
  public static final class YamlException extends RuntimeException {
    private final int line;

    YamlException(String message, int line) {
      super(message);
      this.line = line;
    }

    /** The 1-based line of the error, or -1 when the parser did not say. */
    public int line() {
      return line;
    }
  }
}
