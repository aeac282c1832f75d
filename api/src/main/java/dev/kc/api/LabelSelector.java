package dev.kc.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes label selector: a conjunction of requirements on labels.
 *
 * <p>Parses the string form used in {@code labelSelector} query parameters and {@code kubectl -l}
 * ({@code a=b,c!=d,e in (f,g),h notin (i),j,!k}) and the structured form of {@code spec.selector}
 * ({@code matchLabels} and {@code matchExpressions}). Immutable.
 */
public final class LabelSelector {
  /** The selector that matches everything. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** The selector that matches nothing (a null structured selector). */
  public static final LabelSelector NOTHING =
      new LabelSelector(List.of(new Requirement("", Operator.IN, List.of())));

  /** How one requirement compares a label. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /** One requirement on one label key. */
  public record Requirement(String key, Operator operator, List<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS -> v != null && v.equals(values.get(0));
        case NOT_EQUALS -> v == null || !v.equals(values.get(0));
        case IN -> v != null && values.contains(v);
        case NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EQUALS -> key + "=" + values.get(0);
        case NOT_EQUALS -> key + "!=" + values.get(0);
        case IN -> key + " in (" + String.join(",", new TreeSet<>(values)) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", new TreeSet<>(values)) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Whether {@code labels} satisfy every requirement. */
  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The string form, as kubectl prints selectors ({@code app=web,tier in (a,b)}). */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Requirement r : requirements) {
      parts.add(r.toString());
    }
    return String.join(",", parts);
  }

  /**
   * Parses the string form.
   *
   * @throws IllegalArgumentException with a Kubernetes-style message when the text is malformed
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> out = new ArrayList<>();
    Lexer lx = new Lexer(text);
    while (true) {
      out.add(lx.requirement());
      lx.skipSpace();
      if (lx.atEnd()) {
        break;
      }
      if (!lx.consume(",")) {
        throw new IllegalArgumentException(
            "unable to parse requirement: found '" + lx.rest() + "', expected: ','");
      }
    }
    return new LabelSelector(out);
  }

  /**
   * Builds a selector from a structured {@code LabelSelector} object. A missing (null) selector
   * matches nothing; an empty one matches everything, as in Kubernetes.
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NOTHING;
    }
    List<Requirement> out = new ArrayList<>();
    JsonNode ml = selector.get("matchLabels");
    if (ml != null && ml.isObject()) {
      List<String> keys = new ArrayList<>(ml.propertyNames());
      keys.sort(null);
      for (String k : keys) {
        out.add(new Requirement(k, Operator.EQUALS, List.of(ml.get(k).asString())));
      }
    }
    JsonNode me = selector.get("matchExpressions");
    if (me != null && me.isArray()) {
      for (JsonNode e : me) {
        String key = e.path("key").asString("");
        List<String> values = new ArrayList<>();
        for (JsonNode v : e.path("values")) {
          values.add(v.asString());
        }
        String op = e.path("operator").asString("");
        Operator o =
            switch (op) {
              case "In" -> Operator.IN;
              case "NotIn" -> Operator.NOT_IN;
              case "Exists" -> Operator.EXISTS;
              case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
              default ->
                  throw new IllegalArgumentException(
                      "\"" + op + "\" is not a valid label selector operator");
            };
        out.add(new Requirement(key, o, values));
      }
    }
    return new LabelSelector(out);
  }

  /** Reads {@code metadata.labels} of an object as a map (empty when absent). */
  public static Map<String, String> labelsOf(JsonNode object) {
    JsonNode labels = object == null ? null : object.path("metadata").get("labels");
    if (labels == null || !labels.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new java.util.HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = labels.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asString(""));
    }
    return out;
  }

  private static final class Lexer {
    private final String s;
    private int i;

    Lexer(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    String rest() {
      return s.substring(i);
    }

    void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    boolean consume(String token) {
      skipSpace();
      if (s.startsWith(token, i)) {
        i += token.length();
        return true;
      }
      return false;
    }

    String word() {
      skipSpace();
      int start = i;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c) || "=!,()".indexOf(c) >= 0) {
          break;
        }
        i++;
      }
      return s.substring(start, i);
    }

    Requirement requirement() {
      skipSpace();
      if (consume("!")) {
        String key = word();
        checkKey(key);
        return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
      }
      String key = word();
      checkKey(key);
      skipSpace();
      if (atEnd() || s.charAt(i) == ',') {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      if (consume("==") || consume("=")) {
        return new Requirement(key, Operator.EQUALS, List.of(value()));
      }
      if (consume("!=")) {
        return new Requirement(key, Operator.NOT_EQUALS, List.of(value()));
      }
      int save = i;
      String op = word();
      if (op.equals("in") || op.equals("notin")) {
        return new Requirement(key, op.equals("in") ? Operator.IN : Operator.NOT_IN, set());
      }
      i = save;
      throw new IllegalArgumentException(
          "unable to parse requirement: found '"
              + rest()
              + "', expected: in, notin, =, ==, !=,"
              + " gt, lt");
    }

    private String value() {
      String v = word();
      if (!v.isEmpty() && !LabelSyntax.isValidValue(v)) {
        throw new IllegalArgumentException(
            "unable to parse requirement: values[0]["
                + v
                + "]: Invalid value: \""
                + v
                + "\": "
                + LabelSyntax.VALUE_MESSAGE);
      }
      return v;
    }

    private List<String> set() {
      if (!consume("(")) {
        throw new IllegalArgumentException(
            "unable to parse requirement: found '" + rest() + "', expected: '('");
      }
      List<String> values = new ArrayList<>();
      while (true) {
        String v = word();
        if (!v.isEmpty()) {
          values.add(v);
        }
        if (consume(")")) {
          return values;
        }
        if (!consume(",")) {
          throw new IllegalArgumentException(
              "unable to parse requirement: found '"
                  + rest()
                  + "', expected: ',', ')' or identifier");
        }
      }
    }

    private static void checkKey(String key) {
      if (key.isEmpty()) {
        throw new IllegalArgumentException(
            "unable to parse requirement: found '', expected: !, identifier, or 'end of string'");
      }
      String problem = LabelSyntax.keyProblem(key);
      if (problem != null) {
        throw new IllegalArgumentException(
            "unable to parse requirement: key: Invalid value: \"" + key + "\": " + problem);
      }
    }
  }
}
