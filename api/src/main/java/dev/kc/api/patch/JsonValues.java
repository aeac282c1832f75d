package dev.kc.api.patch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON tree helpers shared by the patch implementations. Stateless; never mutates arguments. */
final class JsonValues {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final int MAX_DESCRIBED_CHARS = 120;

  private JsonValues() {}

  /** The JSON type of a node, with every number folded into one kind (as Go's decoder does). */
  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /**
   * Returns the kind of {@code node}; Java {@code null} and missing nodes count as {@link
   * Kind#NULL}.
   */
  static Kind kind(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Kind.NULL;
    }
    if (node.isObject()) {
      return Kind.OBJECT;
    }
    if (node.isArray()) {
      return Kind.ARRAY;
    }
    if (node.isNumber()) {
      return Kind.NUMBER;
    }
    if (node.isBoolean()) {
      return Kind.BOOLEAN;
    }
    return Kind.STRING;
  }

  static boolean isScalar(JsonNode node) {
    Kind kind = kind(node);
    return kind != Kind.OBJECT && kind != Kind.ARRAY;
  }

  /**
   * Deep equality where numbers compare by value ({@code 1 == 1.0}), because documents that went
   * through different decoders (Go's float64, Jackson's int/long/BigDecimal) must still compare
   * equal. Object key order is ignored; array order is not.
   */
  static boolean equal(JsonNode a, JsonNode b) {
    Kind kind = kind(a);
    if (kind != kind(b)) {
      return false;
    }
    switch (kind) {
      case NULL:
        return true;
      case NUMBER:
        return a.decimalValue().compareTo(b.decimalValue()) == 0;
      case STRING:
        return a.stringValue().equals(b.stringValue());
      case BOOLEAN:
        return a.booleanValue() == b.booleanValue();
      case ARRAY:
        return arraysEqual(a, b);
      default:
        return objectsEqual(a, b);
    }
  }

  private static boolean arraysEqual(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean objectsEqual(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> entry : a.properties()) {
      JsonNode other = b.get(entry.getKey());
      if (other == null || !equal(entry.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The text Go's {@code fmt.Sprintf("%v")} would print for a scalar: used where Kubernetes sorts
   * or compares scalars by their printed form (the order of {@code $retainKeys} and of deletion
   * lists).
   */
  static String text(JsonNode scalar) {
    switch (kind(scalar)) {
      case NULL:
        return "<nil>";
      case NUMBER:
        return plain(scalar.decimalValue());
      case BOOLEAN:
        return Boolean.toString(scalar.booleanValue());
      case STRING:
        return scalar.stringValue();
      default:
        return scalar.toString();
    }
  }

  /**
   * An identity for a scalar: two scalars get the same identity exactly when {@link #equal} holds.
   * Used as a hash key for merge-key values and primitive list members.
   */
  static String identity(JsonNode scalar) {
    Kind kind = kind(scalar);
    if (kind == Kind.OBJECT || kind == Kind.ARRAY) {
      return "J" + scalar;
    }
    return kind.name().charAt(0) + text(scalar);
  }

  private static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** Returns a deep copy of {@code node} whose objects have their keys sorted, at every level. */
  static JsonNode sortKeys(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.propertyNames());
      names.sort(null);
      ObjectNode sorted = NODES.objectNode();
      for (String name : names) {
        sorted.set(name, sortKeys(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode sorted = NODES.arrayNode(node.size());
      for (JsonNode element : node) {
        sorted.add(sortKeys(element));
      }
      return sorted;
    }
    return node;
  }

  /** Compact JSON of {@code node}, cut short for error messages. */
  static String describe(JsonNode node) {
    String json = String.valueOf(node);
    if (json.length() <= MAX_DESCRIBED_CHARS) {
      return json;
    }
    return json.substring(0, MAX_DESCRIBED_CHARS) + "...";
  }

  /** Appends a field name to a dotted path. */
  static String child(String path, String field) {
    return path + "." + field;
  }
}
