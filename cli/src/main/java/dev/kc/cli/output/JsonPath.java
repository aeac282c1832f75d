package dev.kc.cli.output;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=...}).
 *
 * <p>Supported: literal text; actions in braces with paths ({@code .a.b}, {@code ['a']}, {@code
 * [0]}, {@code [-1]}, {@code [1:3]}, {@code [*]}, {@code .*}, unions {@code [0,2]} and {@code
 * ['a','b']}, recursive descent {@code ..a}, filters {@code [?(@.a=="x")]} with {@code == != < <= >
 * >=} or bare existence), {@code \.} inside names, string literals ({@code {"\n"}}), and {@code
 * range ... end}. Like kubectl, missing keys print nothing; several results of one action are
 * separated by a space; maps and lists print as compact JSON.
 */
public final class JsonPath {

  private final List<Node> nodes;

  private JsonPath(List<Node> nodes) {
    this.nodes = nodes;
  }

  /**
   * Parses a template.
   *
   * @throws CliException {@code error: error parsing jsonpath <template>, <reason>}
   */
  public static JsonPath parse(String template) {
    try {
      return new JsonPath(new Parser(template).parseTemplate());
    } catch (IllegalArgumentException e) {
      throw CliException.error("error parsing jsonpath " + template + ", " + e.getMessage());
    }
  }

  /** Evaluates the template against a JSON value and returns the text. */
  public String execute(Object root) {
    StringBuilder sb = new StringBuilder();
    run(nodes, root, root, sb);
    return sb.toString();
  }

  private void run(List<Node> list, Object root, Object current, StringBuilder sb) {
    for (Node n : list) {
      if (n instanceof Text) {
        sb.append(((Text) n).text);
      } else if (n instanceof Expr) {
        List<Object> results = ((Expr) n).eval(root, current);
        for (int i = 0; i < results.size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sb.append(text(results.get(i)));
        }
      } else if (n instanceof Range) {
        Range r = (Range) n;
        for (Object item : r.expr.eval(root, current)) {
          run(r.body, root, item, sb);
        }
      }
    }
  }

  private static String text(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map || v instanceof List) {
      return Json.compact(v);
    }
    if (v instanceof Double) {
      return YamlWriter.formatFloatForPrint((Double) v);
    }
    return String.valueOf(v);
  }

  // ---- model ----

  private interface Node {}

  private static final class Text implements Node {
    final String text;

    Text(String text) {
      this.text = text;
    }
  }

  private static final class Range implements Node {
    final Expr expr;
    final List<Node> body = new ArrayList<>();

    Range(Expr expr) {
      this.expr = expr;
    }
  }

  /** A path: optional root anchor plus steps, applied to a set of values. */
  private static final class Expr implements Node {
    final boolean fromRoot;
    final List<Step> steps;

    Expr(boolean fromRoot, List<Step> steps) {
      this.fromRoot = fromRoot;
      this.steps = steps;
    }

    List<Object> eval(Object root, Object current) {
      List<Object> values = new ArrayList<>();
      values.add(fromRoot ? root : current);
      for (Step s : steps) {
        List<Object> next = new ArrayList<>();
        for (Object v : values) {
          s.apply(v, root, next);
        }
        values = next;
      }
      return values;
    }
  }

  private interface Step {
    void apply(Object value, Object root, List<Object> out);
  }

  private static Step field(String name) {
    return (v, root, out) -> {
      if (v instanceof Map && ((Map<?, ?>) v).containsKey(name)) {
        out.add(((Map<?, ?>) v).get(name));
      }
    };
  }

  private static Step fields(List<String> names) {
    return (v, root, out) -> {
      for (String n : names) {
        field(n).apply(v, root, out);
      }
    };
  }

  private static final Step WILDCARD =
      (v, root, out) -> {
        if (v instanceof Map) {
          out.addAll(new TreeMap<>((Map<?, ?>) v).values());
        } else if (v instanceof List) {
          out.addAll((List<?>) v);
        }
      };

  private static final Step RECURSIVE = JsonPath::descend;

  private static void descend(Object v, Object root, List<Object> out) {
    out.add(v);
    if (v instanceof Map) {
      for (Object child : new TreeMap<>((Map<?, ?>) v).values()) {
        descend(child, root, out);
      }
    } else if (v instanceof List) {
      for (Object child : (List<?>) v) {
        descend(child, root, out);
      }
    }
  }

  private static Step indexes(List<Integer> idx) {
    return (v, root, out) -> {
      if (!(v instanceof List)) {
        return;
      }
      List<?> list = (List<?>) v;
      for (int i : idx) {
        int k = i < 0 ? i + list.size() : i;
        if (k >= 0 && k < list.size()) {
          out.add(list.get(k));
        }
      }
    };
  }

  private static Step slice(Integer start, Integer end, Integer step) {
    return (v, root, out) -> {
      if (!(v instanceof List)) {
        return;
      }
      List<?> list = (List<?>) v;
      int n = list.size();
      int s = clamp(start == null ? 0 : start, n);
      int e = clamp(end == null ? n : end, n);
      int st = step == null || step == 0 ? 1 : step;
      if (st > 0) {
        for (int i = s; i < e; i += st) {
          out.add(list.get(i));
        }
      }
    };
  }

  private static int clamp(int i, int n) {
    int k = i < 0 ? i + n : i;
    return Math.max(0, Math.min(n, k));
  }

  private static Step filter(Operand left, String op, Operand right) {
    return (v, root, out) -> {
      if (!(v instanceof List)) {
        return;
      }
      for (Object item : (List<?>) v) {
        List<Object> l = left.values(root, item);
        if (l.isEmpty()) {
          continue;
        }
        if (op == null) {
          out.add(item);
          continue;
        }
        List<Object> r = right.values(root, item);
        if (!r.isEmpty() && compare(l.get(0), op, r.get(0))) {
          out.add(item);
        }
      }
    };
  }

  private static boolean compare(Object a, String op, Object b) {
    int c;
    if (a instanceof Number && b instanceof Number) {
      c = Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    } else if (a instanceof String && b instanceof String) {
      c = ((String) a).compareTo((String) b);
    } else if (a instanceof Boolean && b instanceof Boolean) {
      if (!op.equals("==") && !op.equals("!=")) {
        return false;
      }
      c = a.equals(b) ? 0 : 1;
    } else {
      return op.equals("!=");
    }
    switch (op) {
      case "==":
        return c == 0;
      case "!=":
        return c != 0;
      case "<":
        return c < 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /** A filter operand: a path relative to the element, or a literal. */
  private static final class Operand {
    final Expr path;
    final Object literal;

    Operand(Expr path, Object literal) {
      this.path = path;
      this.literal = literal;
    }

    List<Object> values(Object root, Object current) {
      if (path != null) {
        return path.eval(root, current);
      }
      List<Object> l = new ArrayList<>();
      l.add(literal);
      return l;
    }
  }

  // ---- parsing ----

  private static final class Parser {
    private final String src;

    Parser(String src) {
      this.src = src;
    }

    List<Node> parseTemplate() {
      List<Node> top = new ArrayList<>();
      List<List<Node>> stack = new ArrayList<>();
      stack.add(top);
      int pos = 0;
      StringBuilder text = new StringBuilder();
      while (pos < src.length()) {
        char c = src.charAt(pos);
        if (c != '{') {
          text.append(c);
          pos++;
          continue;
        }
        int close = findClose(pos + 1);
        if (text.length() > 0) {
          current(stack).add(new Text(text.toString()));
          text.setLength(0);
        }
        String action = src.substring(pos + 1, close).trim();
        pos = close + 1;
        if (action.equals("end")) {
          if (stack.size() == 1) {
            throw new IllegalArgumentException("not in range, nothing to end");
          }
          stack.remove(stack.size() - 1);
        } else if (action.startsWith("range ") || action.startsWith("range\t")) {
          Range r = new Range(parsePath(action.substring(6).trim()));
          current(stack).add(r);
          stack.add(r.body);
        } else if (action.startsWith("\"") || action.startsWith("'")) {
          current(stack).add(new Text(unquote(action)));
        } else if (!action.isEmpty()) {
          current(stack).add(parsePath(action));
        }
      }
      if (text.length() > 0) {
        current(stack).add(new Text(text.toString()));
      }
      if (stack.size() > 1) {
        throw new IllegalArgumentException("range without end");
      }
      return top;
    }

    private static List<Node> current(List<List<Node>> stack) {
      return stack.get(stack.size() - 1);
    }

    private int findClose(int from) {
      char quote = 0;
      for (int i = from; i < src.length(); i++) {
        char c = src.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '}') {
          return i;
        }
      }
      throw new IllegalArgumentException("unclosed action");
    }

    Expr parsePath(String s) {
      int pos = 0;
      boolean fromRoot = false;
      if (s.startsWith("$")) {
        fromRoot = true;
        pos = 1;
      } else if (s.startsWith("@")) {
        pos = 1;
      }
      List<Step> steps = new ArrayList<>();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (s.startsWith("..", pos)) {
          steps.add(RECURSIVE);
          pos += 2;
          if (pos < s.length() && s.charAt(pos) != '[') {
            pos = parseName(s, pos, steps);
          }
        } else if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) != '[' && s.charAt(pos) != '.') {
            pos = parseName(s, pos, steps);
          }
        } else if (c == '[') {
          int close = bracketEnd(s, pos);
          steps.add(parseBracket(s.substring(pos + 1, close).trim()));
          pos = close + 1;
        } else {
          throw new IllegalArgumentException("unrecognized character in action: " + c);
        }
      }
      return new Expr(fromRoot, steps);
    }

    private static int parseName(String s, int pos, List<Step> steps) {
      if (s.charAt(pos) == '*') {
        steps.add(WILDCARD);
        return pos + 1;
      }
      StringBuilder name = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\\' && pos + 1 < s.length()) {
          name.append(s.charAt(pos + 1));
          pos += 2;
          continue;
        }
        if (c == '.' || c == '[' || c == ' ') {
          break;
        }
        name.append(c);
        pos++;
      }
      steps.add(field(name.toString()));
      return pos;
    }

    private static int bracketEnd(String s, int open) {
      char quote = 0;
      int depth = 0;
      for (int i = open + 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == ']' && depth == 0) {
          return i;
        }
      }
      throw new IllegalArgumentException("unterminated array");
    }

    private Step parseBracket(String b) {
      if (b.equals("*")) {
        return WILDCARD;
      }
      if (b.startsWith("?(") && b.endsWith(")")) {
        return parseFilter(b.substring(2, b.length() - 1).trim());
      }
      if (b.startsWith("'") || b.startsWith("\"")) {
        List<String> names = new ArrayList<>();
        for (String part : splitOutsideQuotes(b)) {
          names.add(unquote(part.trim()));
        }
        return fields(names);
      }
      try {
        if (b.contains(":")) {
          String[] p = b.split(":", -1);
          if (p.length > 3) {
            throw new IllegalArgumentException("invalid array index " + b);
          }
          return slice(
              intOrNull(p[0]),
              p.length > 1 ? intOrNull(p[1]) : null,
              p.length > 2 ? intOrNull(p[2]) : null);
        }
        List<Integer> idx = new ArrayList<>();
        for (String part : b.split(",")) {
          idx.add(Integer.parseInt(part.trim()));
        }
        return indexes(idx);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid array index " + b);
      }
    }

    private static Integer intOrNull(String s) {
      String t = s.trim();
      return t.isEmpty() ? null : Integer.parseInt(t);
    }

    private Step parseFilter(String f) {
      String[] ops = {"==", "!=", "<=", ">=", "<", ">"};
      char quote = 0;
      for (int i = 0; i < f.length(); i++) {
        char c = f.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          }
          continue;
        }
        if (c == '"' || c == '\'') {
          quote = c;
          continue;
        }
        for (String op : ops) {
          if (f.startsWith(op, i)) {
            return filter(
                operand(f.substring(0, i).trim()),
                op,
                operand(f.substring(i + op.length()).trim()));
          }
        }
      }
      return filter(operand(f), null, null);
    }

    private Operand operand(String s) {
      if (s.startsWith("@") || s.startsWith("$")) {
        return new Operand(parsePath(s), null);
      }
      if (s.startsWith("\"") || s.startsWith("'")) {
        return new Operand(null, unquote(s));
      }
      if (s.equals("true") || s.equals("false")) {
        return new Operand(null, Boolean.valueOf(s));
      }
      try {
        if (s.contains(".") || s.contains("e") || s.contains("E")) {
          return new Operand(null, Double.parseDouble(s));
        }
        return new Operand(null, Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unrecognized filter operand " + s);
      }
    }

    private static List<String> splitOutsideQuotes(String s) {
      List<String> parts = new ArrayList<>();
      char quote = 0;
      int start = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == ',') {
          parts.add(s.substring(start, i));
          start = i + 1;
        }
      }
      parts.add(s.substring(start));
      return parts;
    }

    /** Unquotes a Go-style string literal (escapes \n \t \r \\ \" \' \\uXXXX). */
    private static String unquote(String q) {
      if (q.length() < 2 || q.charAt(q.length() - 1) != q.charAt(0)) {
        throw new IllegalArgumentException("unterminated quoted string");
      }
      String body = q.substring(1, q.length() - 1);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != '\\' || i + 1 >= body.length()) {
          sb.append(c);
          continue;
        }
        char e = body.charAt(++i);
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
          case 'u':
            if (i + 4 < body.length()) {
              sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
              i += 4;
              break;
            }
            throw new IllegalArgumentException("invalid escape in quoted string");
          default:
            sb.append(e);
        }
      }
      return sb.toString();
    }
  }
}
