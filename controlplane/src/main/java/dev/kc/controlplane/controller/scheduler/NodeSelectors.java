package dev.kc.controlplane.controller.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Node selection by {@code nodeSelector} and node affinity ({@code NodeSelectorTerm}s with {@code
 * matchExpressions} and {@code matchFields}), as kube-scheduler's NodeAffinity plugin evaluates
 * them.
 */
final class NodeSelectors {
  private NodeSelectors() {}

  /**
   * Whether the node satisfies the pod's {@code nodeSelector} and its required node affinity. Terms
   * of the required affinity are ORed; a node must match every nodeSelector entry.
   */
  static boolean matchesRequired(JsonNode podSpec, NodeInfo node) {
    for (Map.Entry<String, JsonNode> e : podSpec.path("nodeSelector").properties()) {
      if (!e.getValue().asString("").equals(node.labels().get(e.getKey()))) {
        return false;
      }
    }
    JsonNode required =
        podSpec
            .path("affinity")
            .path("nodeAffinity")
            .path("requiredDuringSchedulingIgnoredDuringExecution");
    if (required.isMissingNode() || required.isNull()) {
      return true;
    }
    for (JsonNode term : required.path("nodeSelectorTerms")) {
      if (matchesTerm(term, node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sum of the weights of the pod's preferred node-affinity terms that the node matches (the
   * NodeAffinity plugin's raw score).
   */
  static long preferredWeight(JsonNode podSpec, NodeInfo node) {
    long sum = 0;
    for (JsonNode p :
        podSpec
            .path("affinity")
            .path("nodeAffinity")
            .path("preferredDuringSchedulingIgnoredDuringExecution")) {
      if (matchesTerm(p.path("preference"), node)) {
        sum += p.path("weight").asLong(0);
      }
    }
    return sum;
  }

  /**
   * Whether one term matches: every expression on labels and every field requirement must hold. A
   * term with neither matches no node.
   */
  static boolean matchesTerm(JsonNode term, NodeInfo node) {
    List<JsonNode> expressions = list(term.path("matchExpressions"));
    List<JsonNode> fields = list(term.path("matchFields"));
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    for (JsonNode r : expressions) {
      if (!matches(r, node.labels())) {
        return false;
      }
    }
    for (JsonNode r : fields) {
      // metadata.name is the only field a node selector may use.
      if (!r.path("key").asString("").equals("metadata.name")
          || !matches(r, Map.of("metadata.name", node.name()))) {
        return false;
      }
    }
    return true;
  }

  /** One {@code NodeSelectorRequirement} against a label map. */
  static boolean matches(JsonNode requirement, Map<String, String> labels) {
    String key = requirement.path("key").asString("");
    List<String> values = new ArrayList<>();
    for (JsonNode v : requirement.path("values")) {
      values.add(v.asString(""));
    }
    String actual = labels.get(key);
    return switch (requirement.path("operator").asString("")) {
      case "In" -> actual != null && values.contains(actual);
      case "NotIn" -> actual == null || !values.contains(actual);
      case "Exists" -> actual != null;
      case "DoesNotExist" -> actual == null;
      case "Gt" -> compareAsIntegers(actual, values) > 0;
      case "Lt" -> compareAsIntegers(actual, values) < 0;
      default -> false;
    };
  }

  /**
   * Compares the label's value with the single requirement value, both as integers. Returns 0
   * (matching neither Gt nor Lt) when either is missing or not an integer.
   */
  private static int compareAsIntegers(String actual, List<String> values) {
    if (actual == null || values.size() != 1) {
      return 0;
    }
    try {
      return Long.compare(Long.parseLong(actual), Long.parseLong(values.get(0)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n);
    }
    return out;
  }
}
