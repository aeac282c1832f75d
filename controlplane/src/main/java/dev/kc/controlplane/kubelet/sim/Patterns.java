package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Shell patterns ({@code *}, {@code ?}, {@code [...]}) for {@code case}, {@code [[ == ]]}, {@code
 * ${x#pattern}} and pathname expansion. A backslash makes the next character literal; the expander
 * escapes quoted characters that way.
 */
final class Patterns {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, String> CLASSES =
      Map.ofEntries(
          Map.entry("alpha", "\\p{Alpha}"),
          Map.entry("digit", "\\d"),
          Map.entry("alnum", "\\p{Alnum}"),
          Map.entry("upper", "\\p{Upper}"),
          Map.entry("lower", "\\p{Lower}"),
          Map.entry("space", "\\s"),
          Map.entry("blank", " \\t"),
          Map.entry("punct", "\\p{Punct}"),
          Map.entry("xdigit", "\\p{XDigit}"),
          Map.entry("cntrl", "\\p{Cntrl}"),
          Map.entry("graph", "\\p{Graph}"),
          Map.entry("print", "\\p{Print}"),
          Map.entry("word", "\\w"));

  private Patterns() {}

  /** Whether {@code text} matches the whole shell {@code pattern}. */
  static boolean matches(String pattern, String text) {
    Pattern p =
        CACHE.size() > 1000 ? compile(pattern) : CACHE.computeIfAbsent(pattern, Patterns::compile);
    return p.matcher(text).matches();
  }

  /** Backslash-escapes the characters that are special in patterns. */
  static String escape(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Whether the pattern has an unescaped {@code *}, {@code ?} or {@code [}. */
  static boolean hasGlob(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** The pattern with its escapes removed: the literal text it stands for. */
  static String unescape(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        c = pattern.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Converts a shell pattern into an equivalent regular expression. */
  static Pattern compile(String pattern) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(i + 1))));
        i += 2;
      } else if (c == '*') {
        re.append(".*");
        i++;
      } else if (c == '?') {
        re.append('.');
        i++;
      } else if (c == '[') {
        int end = bracket(pattern, i, re);
        if (end < 0) {
          re.append("\\[");
          i++;
        } else {
          i = end;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Appends a bracket expression starting at {@code start}; returns the index after it, or -1. */
  private static int bracket(String p, int start, StringBuilder re) {
    int i = start + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      cls.append('^');
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        re.append(cls).append(']');
        return i + 1;
      }
      first = false;
      if (c == '[' && p.startsWith("[:", i)) {
        int close = p.indexOf(":]", i + 2);
        String name = close < 0 ? null : CLASSES.get(p.substring(i + 2, close));
        if (name != null) {
          cls.append(name);
          i = close + 2;
          continue;
        }
      }
      if (c == '\\' && i + 1 < p.length()) {
        c = p.charAt(++i);
      }
      if (c == '-' && cls.length() > 1 && i + 1 < p.length() && p.charAt(i + 1) != ']') {
        cls.append('-');
      } else {
        if ("\\[]^&-".indexOf(c) >= 0) {
          cls.append('\\');
        }
        cls.append(c);
      }
      i++;
    }
    return -1;
  }

  /**
   * Pathname expansion: the paths matching {@code pattern}, sorted; relative patterns give paths
   * relative to {@code cwd}. Names starting with a dot match only a literal leading dot.
   *
   * @return the matches, empty if none (the caller then keeps the word as it is)
   */
  static List<String> glob(InMemoryFs fs, String cwd, String pattern) {
    boolean absolute = pattern.startsWith("/");
    String[] parts = pattern.split("/", -1);
    List<String> bases = new ArrayList<>();
    bases.add(absolute ? "/" : "");
    for (int k = absolute ? 1 : 0; k < parts.length; k++) {
      String part = parts[k];
      boolean last = k == parts.length - 1;
      if (part.isEmpty()) {
        if (last) {
          bases.replaceAll(b -> b.endsWith("/") ? b : b + "/");
          bases.removeIf(b -> !fs.isDirectory(InMemoryFs.resolve(cwd, b)));
        }
        continue;
      }
      List<String> next = new ArrayList<>();
      for (String base : bases) {
        String prefix = base.isEmpty() || base.endsWith("/") ? base : base + "/";
        String dir = InMemoryFs.resolve(cwd, prefix.isEmpty() ? "." : prefix);
        if (!hasGlob(part)) {
          String candidate = prefix + unescape(part);
          if (fs.exists(InMemoryFs.resolve(cwd, candidate))) {
            next.add(candidate);
          }
          continue;
        }
        if (!fs.isDirectory(dir)) {
          continue;
        }
        for (String name : fs.list(dir)) {
          if (name.startsWith(".") && !part.startsWith(".") && !part.startsWith("\\.")) {
            continue;
          }
          if (matches(part, name)) {
            next.add(prefix + name);
          }
        }
      }
      bases = next;
    }
    bases.sort(null);
    return bases;
  }
}
