package dev.kc.controlplane.controller.deployment;

import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** ReplicaSet (and generic object) facts the Deployment controller reads. All read-only. */
final class ReplicaSets {
  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  /** Oldest first; equal timestamps by name (Kubernetes' ReplicaSetsByCreationTimestamp). */
  static final Comparator<ObjectNode> BY_CREATION =
      Comparator.comparing(ReplicaSets::creation).thenComparing(ReplicaSets::name);

  private ReplicaSets() {}

  static String name(ObjectNode obj) {
    return Json.at(obj, "metadata", "name").asString("");
  }

  static String namespace(ObjectNode obj) {
    return Json.at(obj, "metadata", "namespace").asString("");
  }

  static String uid(ObjectNode obj) {
    return Json.at(obj, "metadata", "uid").asString("");
  }

  static boolean isDeleting(ObjectNode obj) {
    JsonNode t = Json.at(obj, "metadata", "deletionTimestamp");
    return !t.isMissingNode() && !t.isNull();
  }

  static Instant creation(ObjectNode obj) {
    Instant t = Json.parseTime(Json.at(obj, "metadata", "creationTimestamp"));
    return t == null ? Instant.EPOCH : t;
  }

  /** The controller ownerReference, or null. */
  static JsonNode controllerRef(ObjectNode obj) {
    for (JsonNode ref : Json.at(obj, "metadata", "ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref;
      }
    }
    return null;
  }

  /** {@code spec.replicas}, 1 when unset (the API default). */
  static long replicas(ObjectNode obj) {
    JsonNode r = obj.path("spec").path("replicas");
    return r.isNumber() ? r.asLong() : 1;
  }

  static long status(ObjectNode obj, String field) {
    return obj.path("status").path(field).asLong(0);
  }

  static String annotation(ObjectNode obj, String key) {
    JsonNode v = Json.at(obj, "metadata", "annotations", key);
    return v.isString() ? v.asString() : null;
  }

  /** The revision annotation as a number; 0 when missing or unparseable. */
  static long revision(ObjectNode rs) {
    Long r = parse(annotation(rs, REVISION));
    return r == null ? 0 : r;
  }

  /** An integer annotation, or null when missing or unparseable. */
  static Long intAnnotation(ObjectNode rs, String key) {
    return parse(annotation(rs, key));
  }

  private static Long parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Removes the {@code pod-template-hash} label (and an emptied labels map) from a template. */
  static void removeHashLabel(ObjectNode template) {
    JsonNode meta = template.get("metadata");
    if (meta instanceof ObjectNode m && m.get("labels") instanceof ObjectNode labels) {
      labels.remove(HASH_LABEL);
      if (labels.isEmpty()) {
        m.remove("labels");
      }
    }
  }

  /** Whether two pod templates are equal apart from the {@code pod-template-hash} label. */
  static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
    if (!a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    ObjectNode x = ((ObjectNode) a).deepCopy();
    ObjectNode y = ((ObjectNode) b).deepCopy();
    removeHashLabel(x);
    removeHashLabel(y);
    return x.equals(y);
  }

  /** The ReplicaSets with {@code spec.replicas > 0}. */
  static List<ObjectNode> active(Collection<ObjectNode> rss) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode rs : rss) {
      if (rs != null && replicas(rs) > 0) {
        out.add(rs);
      }
    }
    return out;
  }

  /** Σ spec.replicas. */
  static long specSum(Collection<ObjectNode> rss) {
    long n = 0;
    for (ObjectNode rs : rss) {
      n += rs == null ? 0 : replicas(rs);
    }
    return n;
  }

  /** Σ status.{@code field}. */
  static long statusSum(Collection<ObjectNode> rss, String field) {
    long n = 0;
    for (ObjectNode rs : rss) {
      n += rs == null ? 0 : status(rs, field);
    }
    return n;
  }

  /** Replaces the content of {@code target} with {@code source}, keeping its identity in lists. */
  static void refresh(ObjectNode target, ObjectNode source) {
    if (target != source) {
      target.removeAll();
      target.setAll(source.deepCopy());
    }
  }
}
