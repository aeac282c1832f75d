package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Read helpers that give a JSON tree Go's zero-value semantics: an absent, null or wrongly typed
 * field reads as {@code ""}, {@code 0}, {@code false}, an empty list or {@code null} (Go's nil).
 * Validation runs after {@code check}, so a wrong type only appears when a caller skipped it; the
 * helpers then degrade to the zero value instead of throwing.
 */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Returns the child object, or null when absent, null or not an object. */
  static ObjectNode obj(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    return c instanceof ObjectNode o ? o : null;
  }

  /** Returns the child object, creating (or replacing a non-object with) an empty one. */
  static ObjectNode objOrCreate(ObjectNode n, String field) {
    JsonNode c = n.get(field);
    if (c instanceof ObjectNode o) {
      return o;
    }
    return n.putObject(field);
  }

  /** Returns the object elements of an array field; non-objects are skipped. */
  static List<ObjectNode> objects(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    if (c == null || !c.isArray()) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode e : c) {
      out.add(e instanceof ObjectNode o ? o : NODES.objectNode());
    }
    return out;
  }

  /** Returns the elements of an array field, or an empty list. */
  static List<JsonNode> items(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    if (c == null || !c.isArray()) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    c.forEach(out::add);
    return out;
  }

  /** Returns the string elements of an array field (non-strings read as their text). */
  static List<String> strings(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : items(n, field)) {
      out.add(e.isString() ? e.stringValue() : e.isNull() ? "" : e.toString());
    }
    return out;
  }

  /** Returns true when the field is present and not JSON null. */
  static boolean has(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    return c != null && !c.isNull();
  }

  /** Returns the string value, or {@code ""} when absent or not a string. */
  static String str(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    return c != null && c.isString() ? c.stringValue() : "";
  }

  /** Returns the integral value, or {@code def} when absent or not a number. */
  static long num(JsonNode n, String field, long def) {
    JsonNode c = n == null ? null : n.get(field);
    return c != null && c.isNumber() ? c.asLong() : def;
  }

  /** Returns the boolean value, or false when absent or not a boolean. */
  static boolean bool(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    return c != null && c.isBoolean() && c.booleanValue();
  }

  /**
   * Returns a {@code map[string]string} field in document order: null for Go's nil (absent or
   * null), an empty map for {@code {}}.
   */
  static Map<String, String> stringMap(JsonNode n, String field) {
    JsonNode c = n == null ? null : n.get(field);
    if (c == null || !c.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : c.properties()) {
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isString() ? v.stringValue() : v.isNull() ? "" : v.toString());
    }
    return out;
  }

  /** Returns the map or an empty map when it is Go's nil. */
  static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Collections.emptyMap() : m;
  }

  /** Sets a string field only when it is absent, null or empty. */
  static void defaultStr(ObjectNode n, String field, String value) {
    if (str(n, field).isEmpty()) {
      n.put(field, value);
    }
  }

  /** Sets an integral field only when it is absent or null. */
  static void defaultNum(ObjectNode n, String field, long value) {
    if (!has(n, field)) {
      n.put(field, value);
    }
  }

  /** Sets a boolean field only when it is absent or null. */
  static void defaultBool(ObjectNode n, String field, boolean value) {
    if (!has(n, field)) {
      n.put(field, value);
    }
  }

  /** Returns an array node holding the given strings. */
  static ArrayNode stringArray(List<String> values) {
    ArrayNode a = NODES.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * Go's {@code apiequality.Semantic.DeepEqual} on JSON trees: null, absent and empty lists are
   * equal, numbers compare by value, object key order is ignored. Non-JSON arguments compare with
   * {@code equals}.
   */
  static boolean semanticEquals(Object a, Object b) {
    if (a instanceof JsonNode || b instanceof JsonNode) {
      return nodeEquals((JsonNode) a, (JsonNode) b);
    }
    return a == null ? b == null : a.equals(b);
  }

  private static boolean isNil(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isArray() && n.isEmpty());
  }

  private static boolean nodeEquals(JsonNode a, JsonNode b) {
    if (isNil(a) || isNil(b)) {
      return isNil(a) && isNil(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      return objectEquals(a, b);
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<JsonNode> ia = a.iterator();
      Iterator<JsonNode> ib = b.iterator();
      while (ia.hasNext()) {
        if (!nodeEquals(ia.next(), ib.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean objectEquals(JsonNode a, JsonNode b) {
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      if (!nodeEquals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, JsonNode> e : b.properties()) {
      if (!a.has(e.getKey()) && !isNil(e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
