package dev.kc.cli.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON reader and writer over plain Java values, used instead of Jackson databind on the
 * CLI's hot path: loading databind costs more than a whole {@code kc get pods} should (see
 * notes/cli-startup.md).
 *
 * <p>The value model is the one Go's unstructured decoding uses, so printed output matches kubectl:
 * objects are {@link LinkedHashMap}{@code <String, Object>} (member order preserved), arrays are
 * {@link ArrayList}, strings are {@link String}, integral numbers that fit are {@link Long}, other
 * numbers are {@link Double}, then {@link Boolean} and {@code null}.
 */
public final class Json {

  private Json() {}

  /**
   * Parses one JSON value.
   *
   * @throws JsonException if the text is not exactly one JSON value (surrounding whitespace is
   *     allowed)
   */
  public static Object parse(String text) {
    Reader r = new Reader(text);
    Object value = r.readValue();
    r.skipWhitespace();
    if (r.pos != text.length()) {
      throw r.error("invalid character after top-level value");
    }
    return value;
  }

  /** Parses UTF-8 bytes holding one JSON value; see {@link #parse(String)}. */
  public static Object parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /**
   * Parses a stream of concatenated JSON values (whitespace separated), as kubectl accepts in
   * manifest files.
   *
   * @return the values in order; empty when the text is blank
   * @throws JsonException on the first malformed value
   */
  public static List<Object> parseAll(String text) {
    Reader r = new Reader(text);
    List<Object> values = new ArrayList<>();
    r.skipWhitespace();
    while (r.pos < text.length()) {
      values.add(r.readValue());
      r.skipWhitespace();
    }
    return values;
  }

  /**
   * Writes compact JSON the way Go's {@code encoding/json} does for unstructured objects: keys
   * sorted, HTML-significant characters escaped. Used for request bodies and the
   * last-applied-configuration annotation, which must be byte-identical to kubectl's.
   */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, null, 0);
    return sb.toString();
  }

  /**
   * Writes indented JSON exactly like {@code kubectl -o json}: four-space indent, sorted keys, Go
   * escaping, no trailing newline.
   */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, "    ", 0);
    return sb.toString();
  }

  /**
   * Returns the value at a path of object keys, or {@code null} when any step is missing or not an
   * object.
   */
  public static Object at(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (!(cur instanceof Map)) {
        return null;
      }
      cur = ((Map<?, ?>) cur).get(k);
    }
    return cur;
  }

  /** Like {@link #at} but returns the value as a string, or {@code null} if it is not one. */
  public static String str(Object root, String... keys) {
    Object v = at(root, keys);
    return v instanceof String ? (String) v : null;
  }

  /** Like {@link #at} but returns an object, or {@code null} if the value is not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object root, String... keys) {
    Object v = at(root, keys);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  /** Like {@link #at} but returns an array, or {@code null} if the value is not an array. */
  @SuppressWarnings("unchecked")
  public static List<Object> arr(Object root, String... keys) {
    Object v = at(root, keys);
    return v instanceof List ? (List<Object>) v : null;
  }

  /**
   * Returns the object at {@code key} in {@code parent}, creating (and inserting) an empty one when
   * absent or not an object.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map) {
      return (Map<String, Object>) v;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    parent.put(key, m);
    return m;
  }

  /** Deep-copies a JSON value (maps and lists are copied, leaves are immutable). */
  @SuppressWarnings("unchecked")
  public static <T> T copy(T value) {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        out.put(e.getKey(), copy(e.getValue()));
      }
      return (T) out;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<Object>) value) {
        out.add(copy(o));
      }
      return (T) out;
    }
    return value;
  }

  /**
   * Formats a number as Go's {@code encoding/json} does: integers in decimal, floats in the
   * shortest form, with an exponent only outside [1e-6, 1e21).
   */
  public static String formatNumber(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e21) {
        return new BigDecimal(d).toPlainString();
      }
      double abs = Math.abs(d);
      if (abs >= 1e-6 && abs < 1e21) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      }
      return goExponent(Double.toString(d));
    }
    return n.toString();
  }

  /** Turns Java's "1.0E-7" into Go's "1e-07". */
  private static String goExponent(String javaForm) {
    int e = javaForm.indexOf('E');
    String mantissa = javaForm.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(javaForm.substring(e + 1));
    String digits = Integer.toString(Math.abs(exp));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (digits.length() < 2 ? "0" : "") + digits;
  }

  @SuppressWarnings("unchecked")
  private static void write(StringBuilder sb, Object v, String indent, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      quote(sb, (String) v);
    } else if (v instanceof Number) {
      sb.append(formatNumber((Number) v));
    } else if (v instanceof Boolean) {
      sb.append(v.toString());
    } else if (v instanceof Map) {
      writeObject(sb, (Map<String, Object>) v, indent, depth);
    } else if (v instanceof List) {
      writeArray(sb, (List<Object>) v, indent, depth);
    } else {
      quote(sb, v.toString());
    }
  }

  private static void writeObject(
      StringBuilder sb, Map<String, Object> m, String indent, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(m).entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, depth + 1);
      quote(sb, e.getKey());
      sb.append(indent == null ? ":" : ": ");
      write(sb, e.getValue(), indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, List<Object> list, String indent, int depth) {
    if (list.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      newline(sb, indent, depth + 1);
      write(sb, list.get(i), indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    if (indent != null) {
      sb.append('\n');
      for (int i = 0; i < depth; i++) {
        sb.append(indent);
      }
    }
  }

  /** Appends {@code s} as a JSON string literal with Go's escaping rules. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          unicodeEscape(sb, c);
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    String hex = Integer.toHexString(c);
    sb.append("\\u");
    for (int i = hex.length(); i < 4; i++) {
      sb.append('0');
    }
    sb.append(hex);
  }

  /** Thrown for malformed JSON; the message says where, like Go's decoder. */
  public static final class JsonException extends RuntimeException {
    JsonException(String message) {
      super(message);
    }
  }

  /** Recursive-descent reader over a string. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    JsonException error(String what) {
      return new JsonException(what + " at offset " + pos);
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    Object readValue() {
      skipWhitespace();
      if (pos >= s.length()) {
        throw error("unexpected end of JSON input");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return readObject();
        case '[':
          return readArray();
        case '"':
          return readString();
        case 't':
          expectWord("true");
          return Boolean.TRUE;
        case 'f':
          expectWord("false");
          return Boolean.FALSE;
        case 'n':
          expectWord("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return readNumber();
          }
          throw error("invalid character '" + c + "' looking for beginning of value");
      }
    }

    private void expectWord(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("invalid literal");
      }
      pos += word.length();
    }

    private Map<String, Object> readObject() {
      pos++;
      Map<String, Object> m = new LinkedHashMap<>();
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipWhitespace();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected string for object key");
        }
        String key = readString();
        skipWhitespace();
        if (pos >= s.length() || s.charAt(pos) != ':') {
          throw error("expected ':' after object key");
        }
        pos++;
        m.put(key, readValue());
        skipWhitespace();
        if (pos >= s.length()) {
          throw error("unexpected end of JSON input");
        }
        char c = s.charAt(pos++);
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}' after object value");
        }
      }
    }

    private List<Object> readArray() {
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(readValue());
        skipWhitespace();
        if (pos >= s.length()) {
          throw error("unexpected end of JSON input");
        }
        char c = s.charAt(pos++);
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']' after array element");
        }
      }
    }

    private String readString() {
      pos++;
      int start = pos;
      // Fast path: no escapes.
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '"') {
          return s.substring(start, pos++);
        }
        if (c == '\\') {
          break;
        }
        pos++;
      }
      StringBuilder sb = new StringBuilder(s.substring(start, pos));
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= s.length()) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("invalid unicode escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("invalid unicode escape");
            }
            pos += 4;
            break;
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          default:
            throw error("invalid escape '\\" + e + "'");
        }
      }
      throw error("unexpected end of string");
    }

    private Object readNumber() {
      int start = pos;
      boolean integral = true;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          integral = false;
          pos++;
        } else {
          break;
        }
      }
      String num = s.substring(start, pos);
      try {
        if (integral && num.length() < 19) {
          return Long.parseLong(num);
        }
        if (integral) {
          try {
            return Long.parseLong(num);
          } catch (NumberFormatException tooBig) {
            return Double.parseDouble(num);
          }
        }
        return Double.parseDouble(num);
      } catch (NumberFormatException ex) {
        pos = start;
        throw error("invalid number '" + num + "'");
      }
    }
  }
}
