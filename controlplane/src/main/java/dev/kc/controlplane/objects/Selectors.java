package dev.kc.controlplane.objects;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The label and field selectors of a list or watch, compiled into a predicate over stored entries.
 */
public final class Selectors {
  /** One field requirement: {@code path=value} or {@code path!=value}. */
  record FieldRequirement(String path, boolean equals, String value) {}

  private final LabelSelector labels;
  private final List<FieldRequirement> fields;

  private Selectors(LabelSelector labels, List<FieldRequirement> fields) {
    this.labels = labels;
    this.fields = fields;
  }

  public static final Selectors NONE = new Selectors(LabelSelector.EVERYTHING, List.of());

  /**
   * Parses {@code labelSelector} and {@code fieldSelector} query values.
   *
   * @throws ApiException 400 when either is malformed or names an unsupported field
   */
  public static Selectors parse(ResourceType type, String labelSelector, String fieldSelector) {
    LabelSelector ls;
    try {
      ls = LabelSelector.parse(labelSelector);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "unable to parse requirement: "
              + e.getMessage().replace("unable to parse requirement: ", ""));
    }
    List<FieldRequirement> fs = new ArrayList<>();
    if (fieldSelector != null && !fieldSelector.isBlank()) {
      for (String term : fieldSelector.split(",")) {
        fs.add(parseField(type, term.trim()));
      }
    }
    return new Selectors(ls, fs);
  }

  private static FieldRequirement parseField(ResourceType type, String term) {
    String path;
    String value;
    boolean eq;
    int ne = term.indexOf("!=");
    int dbl = term.indexOf("==");
    int single = term.indexOf('=');
    if (ne >= 0) {
      path = term.substring(0, ne);
      value = term.substring(ne + 2);
      eq = false;
    } else if (dbl >= 0) {
      path = term.substring(0, dbl);
      value = term.substring(dbl + 2);
      eq = true;
    } else if (single >= 0) {
      path = term.substring(0, single);
      value = term.substring(single + 1);
      eq = true;
    } else {
      throw ApiException.badRequest(
          "invalid field selector: '" + term + "': is not a valid field selector");
    }
    path = path.trim();
    if (!FieldLabels.supported(type, path)) {
      throw ApiException.badRequest("field label not supported: " + path);
    }
    return new FieldRequirement(path, eq, value.trim());
  }

  public boolean isEmpty() {
    return labels.isEmpty() && fields.isEmpty();
  }

  /** Whether the object satisfies both selectors. */
  public boolean matches(ObjectNode object) {
    if (!labels.isEmpty()) {
      Map<String, String> l = LabelSelector.labelsOf(object);
      if (!labels.matches(l)) {
        return false;
      }
    }
    for (FieldRequirement f : fields) {
      String actual = FieldLabels.value(object, f.path());
      if (actual.equals(f.value()) != f.equals()) {
        return false;
      }
    }
    return true;
  }

  /** The selectors as a store filter, or {@code null} when they select everything. */
  public Predicate<Entry> asFilter() {
    if (isEmpty()) {
      return null;
    }
    return e -> matches(e.decoded(Json::decode));
  }

  /** Field paths that may be used in field selectors, per kind, as the API server allows. */
  static final class FieldLabels {
    private FieldLabels() {}

    static boolean supported(ResourceType type, String path) {
      if (path.equals("metadata.name") || path.equals("metadata.namespace")) {
        return true;
      }
      return switch (type.kind()) {
        case "Pod" ->
            List.of(
                    "spec.nodeName",
                    "spec.restartPolicy",
                    "spec.schedulerName",
                    "spec.serviceAccountName",
                    "spec.hostNetwork",
                    "status.phase",
                    "status.podIP",
                    "status.nominatedNodeName")
                .contains(path);
        case "Event" ->
            path.startsWith("involvedObject.")
                || List.of("reason", "reportingComponent", "source", "type").contains(path);
        case "Node" -> path.equals("spec.unschedulable");
        case "Namespace" -> path.equals("status.phase");
        case "Secret" -> path.equals("type");
        case "ReplicaSet" -> path.equals("status.replicas");
        default -> false;
      };
    }

    static String value(ObjectNode obj, String path) {
      if (path.equals("source")) {
        return Json.at(obj, "source", "component").asString("");
      }
      if (path.equals("spec.hostNetwork") || path.equals("spec.unschedulable")) {
        JsonNode v = Json.at(obj, path.split("\\."));
        return Boolean.toString(v.asBoolean(false));
      }
      JsonNode v = Json.at(obj, path.split("\\."));
      if (v.isMissingNode() || v.isNull()) {
        return "";
      }
      return v.isString() ? v.asString() : v.toString();
    }
  }
}
