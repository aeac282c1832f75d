package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Label selectors ({@code metav1.LabelSelector}): validation with Kubernetes' messages, matching
 * against a label set, and Go's {@code %#v} rendering used when a selector is the bad value.
 */
final class Selectors {

  private Selectors() {}

  /** {@code ValidateLabelSelector} with invalid label values in selectors disallowed. */
  static void validate(List<FieldError> out, JsonNode selector, Path p) {
    if (selector == null || selector.isNull()) {
      return;
    }
    MetaValidation.labels(out, Json.stringMap(selector, "matchLabels"), p.child("matchLabels"));
    List<JsonNode> exprs = Json.items(selector, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      requirement(out, exprs.get(i), p.child("matchExpressions").index(i));
    }
  }

  private static void requirement(List<FieldError> out, JsonNode r, Path p) {
    String op = Json.str(r, "operator");
    List<String> values = Json.strings(r, "values");
    switch (op) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          out.add(
              Errors.required(
                  p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          out.add(
              Errors.forbidden(
                  p.child("values"),
                  "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> out.add(Errors.invalid(p.child("operator"), op, "not a valid selector operator"));
    }
    String key = Json.str(r, "key");
    Errors.invalidEach(out, p.child("key"), key, Names.qualifiedName(key));
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      Errors.invalidEach(out, p.child("values").index(i), v, Names.labelValue(v));
    }
  }

  /**
   * True when {@code LabelSelectorAsSelector} would fail: a bad key or value, an unknown operator
   * or a value list that does not fit the operator.
   */
  static boolean isUnparsable(JsonNode selector) {
    if (selector == null || selector.isNull()) {
      return false;
    }
    List<FieldError> errs = new ArrayList<>();
    validate(errs, selector, Path.ROOT);
    return !errs.isEmpty();
  }

  /** True when the selector has no requirement at all (it then selects everything). */
  static boolean isEmpty(JsonNode selector) {
    return selector != null
        && !selector.isNull()
        && Json.orEmpty(Json.stringMap(selector, "matchLabels")).isEmpty()
        && Json.items(selector, "matchExpressions").isEmpty();
  }

  /**
   * Whether {@code selector} selects {@code labels}. A nil selector selects nothing, an empty one
   * everything.
   */
  static boolean matches(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isNull()) {
      return false;
    }
    Map<String, String> set = Json.orEmpty(labels);
    for (Map.Entry<String, String> e :
        Json.orEmpty(Json.stringMap(selector, "matchLabels")).entrySet()) {
      if (!e.getValue().equals(set.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode r : Json.items(selector, "matchExpressions")) {
      String key = Json.str(r, "key");
      List<String> values = Json.strings(r, "values");
      boolean has = set.containsKey(key);
      boolean ok =
          switch (Json.str(r, "operator")) {
            case "In" -> has && values.contains(set.get(key));
            case "NotIn" -> !has || !values.contains(set.get(key));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code %#v} of a {@code v1.LabelSelector}, as printed in field errors. */
  static GoFmt.Literal render(JsonNode selector) {
    StringBuilder s = new StringBuilder("v1.LabelSelector{MatchLabels:");
    s.append(GoFmt.stringMap(Json.stringMap(selector, "matchLabels")));
    s.append(", MatchExpressions:");
    JsonNode exprs = selector == null ? null : selector.get("matchExpressions");
    if (exprs == null || !exprs.isArray()) {
      s.append("[]v1.LabelSelectorRequirement(nil)");
    } else {
      List<String> parts = new ArrayList<>();
      for (JsonNode r : exprs) {
        JsonNode values = r.get("values");
        parts.add(
            "v1.LabelSelectorRequirement{Key:"
                + GoFmt.quote(Json.str(r, "key"))
                + ", Operator:"
                + GoFmt.quote(Json.str(r, "operator"))
                + ", Values:"
                + (values == null || !values.isArray()
                    ? "[]string(nil)"
                    : GoFmt.stringSlice(Json.strings(r, "values")))
                + "}");
      }
      s.append("[]v1.LabelSelectorRequirement{").append(String.join(", ", parts)).append('}');
    }
    return GoFmt.literal(s.append('}').toString());
  }
}
