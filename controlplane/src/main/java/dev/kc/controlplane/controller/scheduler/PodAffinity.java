package dev.kc.controlplane.controller.scheduler;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inter-pod affinity and anti-affinity, as kube-scheduler's InterPodAffinity plugin evaluates them:
 * the counts of matching pods per topology domain are computed once per scheduling attempt ({@link
 * #compute}), then each node is checked against them.
 */
final class PodAffinity {
  /** Weight given to an existing pod's required affinity term that the incoming pod matches. */
  private static final long HARD_POD_AFFINITY_WEIGHT = 1;

  /** A topology domain: a node label key and value. */
  private record Domain(String key, String value) {}

  /**
   * One affinity term, resolved against the pod that declares it.
   *
   * @param namespaces the namespaces named by the term, or the owner's when it names none and has
   *     no namespace selector
   * @param namespaceSelector additional namespaces by label; {@code null} selects none
   */
  record Term(
      LabelSelector selector,
      Set<String> namespaces,
      LabelSelector namespaceSelector,
      String topologyKey,
      long weight) {

    /** Whether {@code pod} is one of the pods this term selects. */
    boolean matches(ObjectNode pod, Function<String, Map<String, String>> namespaceLabels) {
      String ns = Json.at(pod, "metadata", "namespace").asString("");
      boolean inNamespace =
          namespaces.contains(ns)
              || (namespaceSelector != null
                  && namespaceSelector.matches(namespaceLabels.apply(ns)));
      return inNamespace && selector.matches(LabelSelector.labelsOf(pod));
    }
  }

  private final Function<String, Map<String, String>> namespaceLabels;
  private final List<Term> requiredAffinity;
  private final List<Term> requiredAntiAffinity;
  private final boolean podMatchesOwnAffinity;
  private final Map<Domain, Integer> affinityCounts = new HashMap<>();
  private final Map<Domain, Integer> antiAffinityCounts = new HashMap<>();
  private final Map<Domain, Integer> existingAntiAffinityCounts = new HashMap<>();
  private final Map<Domain, Long> preferredScores = new HashMap<>();

  private PodAffinity(ObjectNode pod, Function<String, Map<String, String>> namespaceLabels) {
    this.namespaceLabels = namespaceLabels;
    JsonNode affinity = pod.path("spec").path("affinity");
    this.requiredAffinity = terms(pod, affinity.path("podAffinity"), false);
    this.requiredAntiAffinity = terms(pod, affinity.path("podAntiAffinity"), false);
    boolean self = true;
    for (Term t : requiredAffinity) {
      self &= t.matches(pod, namespaceLabels);
    }
    this.podMatchesOwnAffinity = self;
  }

  /** Counts, over every assigned pod on {@code nodes}, what the filter and score need. */
  static PodAffinity compute(
      ObjectNode pod, List<NodeInfo> nodes, Function<String, Map<String, String>> nsLabels) {
    PodAffinity a = new PodAffinity(pod, nsLabels);
    JsonNode affinity = pod.path("spec").path("affinity");
    List<Term> preferred = terms(pod, affinity.path("podAffinity"), true);
    List<Term> preferredAnti = terms(pod, affinity.path("podAntiAffinity"), true);
    for (NodeInfo node : nodes) {
      for (ObjectNode existing : node.pods()) {
        a.countRequired(pod, existing, node);
        a.scorePreferred(pod, existing, node, preferred, preferredAnti);
      }
    }
    return a;
  }

  private void countRequired(ObjectNode pod, ObjectNode existing, NodeInfo node) {
    if (!requiredAffinity.isEmpty() && matchesAll(requiredAffinity, existing)) {
      for (Term t : requiredAffinity) {
        increment(affinityCounts, node, t.topologyKey());
      }
    }
    for (Term t : requiredAntiAffinity) {
      if (t.matches(existing, namespaceLabels)) {
        increment(antiAffinityCounts, node, t.topologyKey());
      }
    }
    JsonNode theirs = existing.path("spec").path("affinity").path("podAntiAffinity");
    for (Term t : terms(existing, theirs, false)) {
      if (t.matches(pod, namespaceLabels)) {
        increment(existingAntiAffinityCounts, node, t.topologyKey());
      }
    }
  }

  private void scorePreferred(
      ObjectNode pod,
      ObjectNode existing,
      NodeInfo node,
      List<Term> preferred,
      List<Term> preferredAnti) {
    for (Term t : preferred) {
      if (t.matches(existing, namespaceLabels)) {
        add(node, t.topologyKey(), t.weight());
      }
    }
    for (Term t : preferredAnti) {
      if (t.matches(existing, namespaceLabels)) {
        add(node, t.topologyKey(), -t.weight());
      }
    }
    JsonNode theirs = existing.path("spec").path("affinity");
    for (Term t : terms(existing, theirs.path("podAffinity"), true)) {
      if (t.matches(pod, namespaceLabels)) {
        add(node, t.topologyKey(), t.weight());
      }
    }
    for (Term t : terms(existing, theirs.path("podAntiAffinity"), true)) {
      if (t.matches(pod, namespaceLabels)) {
        add(node, t.topologyKey(), -t.weight());
      }
    }
    for (Term t : terms(existing, theirs.path("podAffinity"), false)) {
      if (t.matches(pod, namespaceLabels)) {
        add(node, t.topologyKey(), HARD_POD_AFFINITY_WEIGHT);
      }
    }
  }

  private static void increment(Map<Domain, Integer> counts, NodeInfo node, String key) {
    String value = node.labels().get(key);
    if (value != null) {
      counts.merge(new Domain(key, value), 1, Integer::sum);
    }
  }

  private void add(NodeInfo node, String key, long weight) {
    String value = node.labels().get(key);
    if (value != null) {
      preferredScores.merge(new Domain(key, value), weight, Long::sum);
    }
  }

  private boolean matchesAll(List<Term> terms, ObjectNode pod) {
    for (Term t : terms) {
      if (!t.matches(pod, namespaceLabels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the node satisfies the pod's required affinity: it has every topology key and pods
   * matching all terms run in each of its domains. The first pod of a group that selects itself may
   * go anywhere with the keys, as long as no matching pod exists yet.
   */
  boolean satisfiesAffinity(NodeInfo node) {
    boolean podsExist = true;
    for (Term t : requiredAffinity) {
      String value = node.labels().get(t.topologyKey());
      if (value == null) {
        return false;
      }
      if (affinityCounts.getOrDefault(new Domain(t.topologyKey(), value), 0) <= 0) {
        podsExist = false;
      }
    }
    return podsExist || (affinityCounts.isEmpty() && podMatchesOwnAffinity);
  }

  /** Whether no pod the incoming pod's anti-affinity selects runs in the node's domains. */
  boolean satisfiesAntiAffinity(NodeInfo node) {
    for (Term t : requiredAntiAffinity) {
      String value = node.labels().get(t.topologyKey());
      if (value != null
          && antiAffinityCounts.getOrDefault(new Domain(t.topologyKey(), value), 0) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether no pod in the node's domains has anti-affinity against the incoming pod. */
  boolean satisfiesExistingAntiAffinity(NodeInfo node) {
    if (existingAntiAffinityCounts.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, String> l : node.labels().entrySet()) {
      if (existingAntiAffinityCounts.getOrDefault(new Domain(l.getKey(), l.getValue()), 0) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The raw preferred (anti-)affinity score of a node: the sum over its domains. */
  long preferredScore(NodeInfo node) {
    long sum = 0;
    for (Map.Entry<Domain, Long> e : preferredScores.entrySet()) {
      if (e.getKey().value().equals(node.labels().get(e.getKey().key()))) {
        sum += e.getValue();
      }
    }
    return sum;
  }

  /**
   * The terms of a {@code podAffinity} or {@code podAntiAffinity} block of {@code owner}: the
   * required ones, or the weighted preferred ones.
   */
  static List<Term> terms(ObjectNode owner, JsonNode block, boolean preferred) {
    List<Term> out = new ArrayList<>();
    if (preferred) {
      for (JsonNode w : block.path("preferredDuringSchedulingIgnoredDuringExecution")) {
        out.add(term(owner, w.path("podAffinityTerm"), w.path("weight").asLong(0)));
      }
    } else {
      for (JsonNode t : block.path("requiredDuringSchedulingIgnoredDuringExecution")) {
        out.add(term(owner, t, 0));
      }
    }
    return out;
  }

  // TODO: matchLabelKeys and mismatchLabelKeys of affinity terms are ignored, so such terms select
  // more pods than in Kubernetes.
  private static Term term(ObjectNode owner, JsonNode t, long weight) {
    Set<String> namespaces = new HashSet<>();
    for (JsonNode n : t.path("namespaces")) {
      namespaces.add(n.asString(""));
    }
    JsonNode nsSel = t.get("namespaceSelector");
    LabelSelector namespaceSelector = null;
    if (nsSel != null && !nsSel.isNull()) {
      namespaceSelector = parseOrNothing(nsSel);
    }
    if (namespaces.isEmpty() && namespaceSelector == null) {
      namespaces.add(Json.at(owner, "metadata", "namespace").asString(""));
    }
    LabelSelector selector = parseOrNothing(t.get("labelSelector"));
    return new Term(
        selector, namespaces, namespaceSelector, t.path("topologyKey").asString(""), weight);
  }

  /** A selector that validation would have rejected selects nothing. */
  private static LabelSelector parseOrNothing(JsonNode selector) {
    try {
      return LabelSelector.fromJson(selector);
    } catch (IllegalArgumentException e) {
      return LabelSelector.NOTHING;
    }
  }
}
