package dev.kc.controlplane.objects;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Field paths as Kubernetes prints them: {@code spec.template.spec.containers[0].image}. */
final class FieldPaths {
  private FieldPaths() {}

  /** Removes the field at {@code path}, if present. */
  static void remove(ObjectNode root, String path) {
    List<Object> steps = parse(path);
    JsonNode node = root;
    for (int i = 0; i < steps.size() - 1 && node != null; i++) {
      Object s = steps.get(i);
      node = s instanceof Integer idx ? node.get(idx) : node.get((String) s);
    }
    Object last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    if (node instanceof ObjectNode o && last instanceof String f) {
      o.remove(f);
    }
  }

  private static List<Object> parse(String path) {
    List<Object> out = new ArrayList<>();
    for (String part : path.split("\\.")) {
      int b = part.indexOf('[');
      String name = b < 0 ? part : part.substring(0, b);
      if (!name.isEmpty()) {
        out.add(name);
      }
      while (b >= 0) {
        int e = part.indexOf(']', b);
        if (e < 0) {
          break;
        }
        try {
          out.add(Integer.parseInt(part.substring(b + 1, e)));
        } catch (NumberFormatException ex) {
          out.add(part.substring(b + 1, e));
        }
        b = part.indexOf('[', e);
      }
    }
    return out;
  }
}
