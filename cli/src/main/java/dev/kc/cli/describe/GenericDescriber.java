package dev.kc.cli.describe;

import dev.kc.cli.apply.LastApplied;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.YamlWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * kubectl's describer for kinds it has no dedicated describer for: Name, Namespace, Labels and
 * Annotations, then every other field of the object as an indented tree whose keys are turned into
 * words ({@code creationTimestamp} becomes {@code Creation Timestamp}), then the Events.
 */
public final class GenericDescriber implements Describer {

  /** The shared, stateless instance. */
  public static final GenericDescriber INSTANCE = new GenericDescriber();

  /** Annotations longer than this (with key) are printed on their own, shortened, lines. */
  private static final int MAX_ANNOTATION_LEN = 140;

  private static final Set<String> SKIP =
      Set.of(".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations");

  private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID");

  private GenericDescriber() {}

  @Override
  public String describe(Map<String, Object> obj, List<Map<String, Object>> events, Instant now) {
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t" + nz(Json.str(obj, "metadata", "name")) + "\n");
    w.write(0, "Namespace:\t" + nz(Json.str(obj, "metadata", "namespace")) + "\n");
    writeLabels(w, "Labels", Json.obj(obj, "metadata", "labels"));
    writeAnnotations(w, "Annotations", Json.obj(obj, "metadata", "annotations"));
    writeContent(w, 0, obj, "");
    if (events != null) {
      Events.write(w, events, now);
    }
    return w.text();
  }

  /** {@code Title:\tk=v} then one {@code \tk=v} line per further label, sorted; or none. */
  static void writeLabels(DescribeWriter w, String title, Map<String, Object> labels) {
    w.write(0, title + ":\t");
    if (labels == null || labels.isEmpty()) {
      w.write(0, "<none>\n");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, Object> e : new TreeMap<>(labels).entrySet()) {
      w.write(0, (first ? "" : "\t") + e.getKey() + "=" + e.getValue() + "\n");
      first = false;
    }
  }

  /** Like labels, minus last-applied; long or multi-line values go on their own lines. */
  static void writeAnnotations(DescribeWriter w, String title, Map<String, Object> annotations) {
    w.write(0, title + ":\t");
    List<String> keys = new ArrayList<>();
    if (annotations != null) {
      for (String k : new TreeMap<>(annotations).keySet()) {
        if (!k.equals(LastApplied.ANNOTATION)) {
          keys.add(k);
        }
      }
    }
    if (keys.isEmpty()) {
      w.write(0, "<none>\n");
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (i != 0) {
        w.write(0, "\t");
      }
      String value = String.valueOf(annotations.get(key));
      if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - 1);
      }
      if (value.length() + key.length() + 2 > MAX_ANNOTATION_LEN || value.contains("\n")) {
        w.write(0, key + ":\n");
        for (String line : value.split("\n", -1)) {
          w.write(0, "\t  " + shorten(line, MAX_ANNOTATION_LEN - 2) + "\n");
        }
      } else {
        w.write(0, key + ": " + value + "\n");
      }
    }
  }

  private static String shorten(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  @SuppressWarnings("unchecked")
  private static void writeContent(
      DescribeWriter w, int level, Map<String, Object> content, String prefix) {
    for (String field : new TreeMap<>(content).keySet()) {
      Object value = content.get(field);
      String path = prefix + "." + field;
      if (SKIP.contains(path)) {
        continue;
      }
      if (value instanceof Map) {
        w.write(level, smartLabel(field) + ":\n");
        writeContent(w, level + 1, (Map<String, Object>) value, path);
      } else if (value instanceof List) {
        w.write(level, smartLabel(field) + ":\n");
        for (Object child : (List<Object>) value) {
          if (child instanceof Map) {
            writeContent(w, level + 1, (Map<String, Object>) child, path);
          } else {
            w.write(level + 1, goValue(child) + "\n");
          }
        }
      } else {
        w.write(level, smartLabel(field) + ":\t" + goValue(value) + "\n");
      }
    }
  }

  /** Go's {@code %v} of a JSON value. */
  static String goValue(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof Double) {
      return YamlWriter.formatFloatForPrint((Double) v);
    }
    if (v instanceof List) {
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) v) {
        parts.add(goValue(o));
      }
      return "[" + String.join(" ", parts) + "]";
    }
    if (v instanceof Map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : new TreeMap<>((Map<?, ?>) v).entrySet()) {
        parts.add(e.getKey() + ":" + goValue(e.getValue()));
      }
      return "map[" + String.join(" ", parts) + "]";
    }
    return String.valueOf(v);
  }

  /**
   * Turns a camelCase field name into words: split at case/digit changes, title-case each part,
   * common acronyms upper-cased ({@code apiVersion} → {@code API Version}). Names holding anything
   * but letters and '-' are kept as they are.
   */
  static String smartLabel(String field) {
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (!Character.isLetter(c) && c != '-') {
        return field;
      }
    }
    List<String> words = new ArrayList<>();
    for (String part : splitCamelCase(field)) {
      if (part.equals("_")) {
        continue;
      }
      String upper = part.toUpperCase(Locale.ROOT);
      if (ACRONYMS.contains(upper)) {
        words.add(upper);
      } else {
        words.add(Character.toUpperCase(part.charAt(0)) + part.substring(1));
      }
    }
    return String.join(" ", words);
  }

  /** Splits at changes between lower, upper, digit and other; "PDFLoader" → PDF, Loader. */
  static List<String> splitCamelCase(String s) {
    List<StringBuilder> runs = new ArrayList<>();
    int lastClass = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int cls =
          Character.isLowerCase(c)
              ? 1
              : Character.isUpperCase(c) ? 2 : Character.isDigit(c) ? 3 : 4;
      if (cls == lastClass) {
        runs.get(runs.size() - 1).append(c);
      } else {
        runs.add(new StringBuilder().append(c));
      }
      lastClass = cls;
    }
    for (int i = 0; i < runs.size() - 1; i++) {
      StringBuilder cur = runs.get(i);
      StringBuilder next = runs.get(i + 1);
      if (cur.length() > 0
          && Character.isUpperCase(cur.charAt(0))
          && next.length() > 0
          && Character.isLowerCase(next.charAt(0))) {
        next.insert(0, cur.charAt(cur.length() - 1));
        cur.setLength(cur.length() - 1);
      }
    }
    List<String> out = new ArrayList<>();
    for (StringBuilder r : runs) {
      if (r.length() > 0) {
        out.add(r.toString());
      }
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
