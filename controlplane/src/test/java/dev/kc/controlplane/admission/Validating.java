package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs objects through admission the way the API server will (check, default, validate) and returns
 * the errors as Kubernetes prints them, so tests can compare whole messages.
 */
final class Validating {

  static final Admission ADMISSION = new Admission();

  private Validating() {}

  /** Checks, defaults and validates a create; returns {@code field: message} strings. */
  static List<String> create(String apiVersion, String kind, ObjectNode obj) {
    assertEquals(List.of(), ADMISSION.check(apiVersion, kind, obj), "unknown fields in fixture");
    ADMISSION.applyDefaults(apiVersion, kind, obj);
    return strings(ADMISSION.validate(apiVersion, kind, obj, null));
  }

  /** Defaults {@code old} as the stored object, then checks, defaults and validates the update. */
  static List<String> update(String apiVersion, String kind, ObjectNode old, ObjectNode obj) {
    ADMISSION.applyDefaults(apiVersion, kind, old);
    assertEquals(List.of(), ADMISSION.check(apiVersion, kind, obj), "unknown fields in fixture");
    ADMISSION.applyDefaults(apiVersion, kind, obj);
    return strings(ADMISSION.validate(apiVersion, kind, obj, old));
  }

  /** Like {@link #update}, with {@code prepareForUpdate} run after defaulting, as planned. */
  static List<String> preparedUpdate(
      String apiVersion, String kind, ObjectNode old, ObjectNode obj) {
    ADMISSION.applyDefaults(apiVersion, kind, old);
    assertEquals(List.of(), ADMISSION.check(apiVersion, kind, obj), "unknown fields in fixture");
    ADMISSION.applyDefaults(apiVersion, kind, obj);
    ADMISSION.prepareForUpdate(apiVersion, kind, obj, old);
    return strings(ADMISSION.validate(apiVersion, kind, obj, old));
  }

  static List<String> strings(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  /** Returns {@code base} with a JSON merge patch (RFC 7386) written as YAML applied. */
  static ObjectNode merge(ObjectNode base, String patchYaml) {
    ObjectNode out = base.deepCopy();
    if (!patchYaml.isBlank()) {
      mergeInto(out, Yaml.obj(patchYaml));
    }
    return out;
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        target.remove(e.getKey());
      } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
        mergeInto(child, (ObjectNode) value);
      } else {
        target.set(e.getKey(), value.deepCopy());
      }
    }
  }

  /** A stored object: defaulted and given a resourceVersion and uid, as the server would. */
  static ObjectNode stored(String apiVersion, String kind, ObjectNode obj) {
    ObjectNode s = obj.deepCopy();
    ADMISSION.applyDefaults(apiVersion, kind, s);
    ObjectNode meta = s.withObject("metadata");
    meta.put("resourceVersion", "7");
    meta.put("uid", "0b3a5f6e-1111-2222-3333-444455556666");
    return s;
  }
}
