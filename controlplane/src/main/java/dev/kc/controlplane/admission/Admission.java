package dev.kc.controlplane.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Placeholder until the admission package lands; replaced wholesale by it. */
public final class Admission {
  public List<String> check(String apiVersion, String kind, JsonNode obj) {
    return List.of();
  }

  public void applyDefaults(String apiVersion, String kind, ObjectNode obj) {}

  public List<FieldError> validate(String apiVersion, String kind, ObjectNode obj, ObjectNode old) {
    return List.of();
  }

  public static String invalidMessage(
      String kind, String group, String name, List<FieldError> errors) {
    String k = group.isEmpty() ? kind : kind + "." + group;
    String body =
        errors.size() == 1
            ? errors.get(0).toString()
            : "[" + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    return k + " \"" + name + "\" is invalid: " + body;
  }
}
