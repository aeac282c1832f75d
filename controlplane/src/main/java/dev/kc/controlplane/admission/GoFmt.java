package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders values the way Go's {@code fmt} renders them inside Kubernetes' field errors.
 *
 * <p>Kubernetes prints a bad value with {@code %q} for strings, {@code %v} for numbers and
 * booleans, {@code String()} for types that have one (quantities, int-or-string) and {@code %#v}
 * for everything else. Java values map onto that as follows: {@code String} is quoted, {@code
 * Number}/{@code Boolean} are bare, {@code Map} is a {@code map[string]string{...}} literal with
 * sorted keys (Go's fmt sorts map keys), a {@code Collection} is a {@code []string{...}} literal,
 * and {@link Literal} is printed verbatim (used for Go struct literals and Stringer output).
 */
final class GoFmt {

  /** Sentinel bad value: print the error type without a value (Go's {@code omitValue}). */
  static final Object OMIT = new Object();

  private GoFmt() {}

  /** A value that is already rendered the way Go prints it. */
  record Literal(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Wraps pre-rendered text so that {@link #render} prints it verbatim. */
  static Literal literal(String text) {
    return new Literal(text);
  }

  /** Renders a bad value as Kubernetes' {@code ErrorBody} would. */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Number || value instanceof Boolean || value instanceof Literal) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> m) {
      return stringMap(m);
    }
    if (value instanceof Collection<?> c) {
      return stringSlice(c);
    }
    return value.toString();
  }

  /** Go's {@code %#v} of a {@code map[string]string}; null prints as the typed nil. */
  static String stringMap(Map<?, ?> m) {
    if (m == null) {
      return "map[string]string(nil)";
    }
    StringBuilder s = new StringBuilder("map[string]string{");
    boolean first = true;
    for (Map.Entry<String, String> e : sorted(m).entrySet()) {
      if (!first) {
        s.append(", ");
      }
      first = false;
      s.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return s.append('}').toString();
  }

  /** Go's {@code %#v} of a {@code []string}; null prints as the typed nil. */
  static String stringSlice(Collection<?> c) {
    if (c == null) {
      return "[]string(nil)";
    }
    List<String> parts = new ArrayList<>();
    for (Object o : c) {
      parts.add(quote(String.valueOf(o)));
    }
    return "[]string{" + String.join(", ", parts) + "}";
  }

  private static Map<String, String> sorted(Map<?, ?> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    return out;
  }

  /**
   * Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes, backslashes and
   * control characters, {@code \\uXXXX} for other non-printable characters.
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendQuoted(out, cp));
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int cp) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> {
        if (isPrint(cp)) {
          out.appendCodePoint(cp);
        } else if (cp < 0x80) {
          out.append(String.format("\\x%02x", cp));
        } else if (cp < 0x10000) {
          out.append(String.format("\\u%04x", cp));
        } else {
          out.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
      return false;
    }
    int t = Character.getType(cp);
    return t != Character.UNASSIGNED
        && t != Character.FORMAT
        && t != Character.PRIVATE_USE
        && t != Character.SURROGATE
        && t != Character.SPACE_SEPARATOR
        && t != Character.LINE_SEPARATOR
        && t != Character.PARAGRAPH_SEPARATOR;
  }
}
