package dev.kc.controlplane.admission;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The diff appended to "may not change" errors. Kubernetes prints a go-cmp diff of its internal
 * structs there; that text cannot be reproduced from JSON, so this prints the same shape (a {@code
 * -}/{@code +} line per changed leaf, keyed by JSON path) inside the same struct header.
 */
final class SpecDiff {

  private SpecDiff() {}

  /** Returns a diff of the leaves that differ between {@code before} and {@code after}. */
  static String diff(String typeName, JsonNode before, JsonNode after) {
    Map<String, String> a = new TreeMap<>();
    Map<String, String> b = new TreeMap<>();
    flatten(before, "", a);
    flatten(after, "", b);
    StringBuilder s = new StringBuilder("  ").append(typeName).append("{\n");
    TreeMap<String, Boolean> keys = new TreeMap<>();
    a.keySet().forEach(k -> keys.put(k, true));
    b.keySet().forEach(k -> keys.put(k, true));
    for (String k : keys.keySet()) {
      String va = a.get(k);
      String vb = b.get(k);
      if (va != null && va.equals(vb)) {
        continue;
      }
      if (va != null) {
        s.append("- \t").append(k).append(": ").append(va).append(",\n");
      }
      if (vb != null) {
        s.append("+ \t").append(k).append(": ").append(vb).append(",\n");
      }
    }
    return s.append("  }\n").toString();
  }

  private static void flatten(JsonNode n, String path, Map<String, String> out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return;
    }
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else if (n.isArray()) {
      int i = 0;
      for (JsonNode e : n) {
        flatten(e, path + "[" + i++ + "]", out);
      }
    } else {
      out.put(path, n.toString());
    }
  }
}
