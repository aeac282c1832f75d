package dev.kc.controlplane.objects;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** JSON helpers shared by the API server and the controllers. */
public final class Json {
  /** The mapper for every JSON the daemon reads or writes. Thread-safe. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** For {@code application/apply-patch+yaml} bodies, which may be YAML or JSON. */
  public static final ObjectMapper YAML = YAMLMapper.builder().build();

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Parses an object, or throws {@link ApiException} (400) when it is not a JSON object. */
  public static ObjectNode parseObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          "the body of the request was in an unknown format: " + brief(e));
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the body of the request must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** Decodes stored bytes; stored values are always valid objects. */
  public static ObjectNode decode(byte[] stored) {
    try {
      return (ObjectNode) MAPPER.readTree(stored);
    } catch (JacksonException e) {
      throw new IllegalStateException("stored object is not valid JSON", e);
    }
  }

  public static byte[] encode(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }

  /** A short, user-facing description of a parse error. */
  public static String brief(JacksonException e) {
    String m = e.getOriginalMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** The object at {@code path} ({@code "metadata"}, ...), creating it when missing. */
  public static ObjectNode with(ObjectNode node, String field) {
    JsonNode child = node.get(field);
    if (child instanceof ObjectNode o) {
      return o;
    }
    ObjectNode o = node.putObject(field);
    return o;
  }

  public static ObjectNode metadata(ObjectNode obj) {
    return with(obj, "metadata");
  }

  /** A text field, or {@code ""} when missing or not text. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isString() ? v.asString() : "";
  }

  /** Follows a dotted path of object fields; returns a missing node when any step is absent. */
  public static JsonNode at(JsonNode node, String... fields) {
    JsonNode n = node;
    for (String f : fields) {
      if (n == null || !n.isObject()) {
        return tools.jackson.databind.node.MissingNode.getInstance();
      }
      n = n.get(f);
    }
    return n == null ? tools.jackson.databind.node.MissingNode.getInstance() : n;
  }

  /** RFC 3339 in UTC with seconds, as Kubernetes writes metadata timestamps. */
  public static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** RFC 3339 with microseconds, as Kubernetes writes MicroTime fields. */
  public static String microTimestamp(Instant t) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(t.truncatedTo(ChronoUnit.MICROS));
  }

  /** Parses a Kubernetes timestamp, or returns {@code null} when absent or malformed. */
  public static Instant parseTime(JsonNode node) {
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return Instant.parse(node.asString());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
