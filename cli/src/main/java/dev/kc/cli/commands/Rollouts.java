package dev.kc.cli.commands;

import dev.kc.cli.client.Discovery;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading a Deployment's rollout history: its controlled ReplicaSets by revision. */
final class Rollouts {

  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String HASH_LABEL = "pod-template-hash";

  private Rollouts() {}

  /**
   * The ReplicaSets the deployment controls (an owner reference with {@code controller: true} and
   * its uid), listed through the deployment's selector, keyed by revision. ReplicaSets without a
   * parsable revision are left out.
   */
  static TreeMap<Long, Map<String, Object>> history(
      RestClient c, Discovery discovery, Map<String, Object> deployment, String ns) {
    ResourceType rs = discovery.resolve("replicasets.apps");
    String selector = selector(Json.obj(deployment, "spec", "selector"));
    Fetch.Items items = Fetch.list(c, rs, ns, new Fetch.ListOptions(selector, null, 0));
    String uid = Json.str(deployment, "metadata", "uid");
    TreeMap<Long, Map<String, Object>> out = new TreeMap<>();
    for (Object item : items.items()) {
      if (!isControlledBy(item, uid)) {
        continue;
      }
      try {
        out.put(Long.parseLong(annotation(item, REVISION)), Json.obj(item));
      } catch (NumberFormatException e) {
        // kubectl skips ReplicaSets whose revision annotation is missing or malformed.
      }
    }
    return out;
  }

  /** An annotation of an object, or {@code null}. */
  static String annotation(Object obj, String key) {
    Map<String, Object> a = Json.obj(obj, "metadata", "annotations");
    Object v = a == null ? null : a.get(key);
    return v == null ? null : v.toString();
  }

  private static boolean isControlledBy(Object obj, String uid) {
    List<Object> refs = Json.arr(obj, "metadata", "ownerReferences");
    if (refs == null) {
      return false;
    }
    for (Object r : refs) {
      if (Boolean.TRUE.equals(Json.at(r, "controller"))
          && uid != null
          && uid.equals(Json.str(r, "uid"))) {
        return true;
      }
    }
    return false;
  }

  /** A LabelSelector as the query string kubectl sends (requirements sorted by key). */
  static String selector(Map<String, Object> sel) {
    if (sel == null) {
      return null;
    }
    TreeMap<String, String> reqs = new TreeMap<>();
    Map<String, Object> labels = Json.obj(sel, "matchLabels");
    if (labels != null) {
      labels.forEach((k, v) -> reqs.put(k + "\0" + reqs.size(), k + "=" + v));
    }
    List<Object> exprs = Json.arr(sel, "matchExpressions");
    for (Object e : exprs == null ? List.of() : exprs) {
      String key = Json.str(e, "key");
      List<Object> values = Json.arr(e, "values");
      List<String> vs = new ArrayList<>();
      for (Object v : values == null ? List.of() : values) {
        vs.add(String.valueOf(v));
      }
      vs.sort(null);
      String op = String.valueOf(Json.str(e, "operator"));
      String text;
      switch (op) {
        case "In":
          text = key + " in (" + String.join(",", vs) + ")";
          break;
        case "NotIn":
          text = key + " notin (" + String.join(",", vs) + ")";
          break;
        case "Exists":
          text = key;
          break;
        default:
          text = "!" + key;
      }
      reqs.put(key + "\0" + reqs.size(), text);
    }
    return reqs.isEmpty() ? null : String.join(",", reqs.values());
  }

  /** A copy of a pod template without the {@code pod-template-hash} label. */
  static Map<String, Object> withoutHash(Map<String, Object> template) {
    Map<String, Object> copy = Json.copy(template == null ? Map.of() : template);
    Map<String, Object> labels = Json.obj(copy, "metadata", "labels");
    if (labels != null) {
      labels.remove(HASH_LABEL);
    }
    return copy;
  }

  /**
   * Whether two pod templates are equal ignoring the {@code pod-template-hash} label and null
   * fields (kubectl's {@code equalIgnoreHash} compares decoded structs, where null is absent).
   */
  static boolean equalIgnoreHash(Map<String, Object> a, Map<String, Object> b) {
    return withoutNulls(withoutHash(a)).equals(withoutNulls(withoutHash(b)));
  }

  @SuppressWarnings("unchecked")
  private static Object withoutNulls(Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      ((Map<String, Object>) v)
          .forEach(
              (k, x) -> {
                if (x != null) {
                  out.put(k, withoutNulls(x));
                }
              });
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<Object>) v).forEach(x -> out.add(withoutNulls(x)));
      return out;
    }
    return v;
  }
}
