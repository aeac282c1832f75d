package dev.kc.cli.apply;

import dev.kc.cli.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kubectl's three-way JSON merge patch (RFC 7386), the patch apply computes for kinds without
 * strategic-merge metadata.
 *
 * <p>The patch is the difference from the live object to the manifest <em>without deletions</em>
 * (so fields other writers set are kept), plus the deletions from the last applied manifest to the
 * new one (fields the user removed). Lists are replaced whole. Worked example: last applied {@code
 * {a:1,b:2}}, manifest {@code {a:1,c:3}}, live {@code {a:1,b:2,s:9}}: delta live→manifest without
 * nulls is {@code {c:3}}, deletions last→manifest is {@code {b:null}}, patch {@code {b:null,c:3}};
 * {@code s} survives.
 */
public final class ThreeWayMergePatch implements PatchComputer {

  /** The content type of the patches this class produces. */
  public static final String CONTENT_TYPE = "application/merge-patch+json";

  /** The shared, stateless instance. */
  public static final ThreeWayMergePatch INSTANCE = new ThreeWayMergePatch();

  private ThreeWayMergePatch() {}

  @Override
  public Patch compute(
      Map<String, Object> original, Map<String, Object> modified, Map<String, Object> current) {
    Map<String, Object> delta = filterNulls(diff(current, modified), false);
    Map<String, Object> deletions =
        filterNulls(diff(original == null ? Map.of() : original, modified), true);
    Map<String, Object> patch = Json.copy(deletions);
    mergeInto(patch, delta);
    if (patch.containsKey("apiVersion")
        || patch.containsKey("kind")
        || (Json.obj(patch, "metadata") != null
            && Json.obj(patch, "metadata").containsKey("name"))) {
      throw new IllegalArgumentException("At least one of apiVersion, kind and name was changed");
    }
    return new Patch(CONTENT_TYPE, patch);
  }

  /**
   * RFC 7386 diff: the merge patch turning {@code a} into {@code b} (removed keys map to null,
   * changed non-object values are replaced whole).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> diff(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> into = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : b.entrySet()) {
      String key = e.getKey();
      Object bv = e.getValue();
      if (!a.containsKey(key)) {
        into.put(key, bv);
        continue;
      }
      Object av = a.get(key);
      if (av instanceof Map && bv instanceof Map) {
        Map<String, Object> sub = diff((Map<String, Object>) av, (Map<String, Object>) bv);
        if (!sub.isEmpty()) {
          into.put(key, sub);
        }
      } else if (!deepEquals(av, bv)) {
        into.put(key, bv);
      }
    }
    for (String key : a.keySet()) {
      if (!b.containsKey(key)) {
        into.put(key, null);
      }
    }
    return into;
  }

  /**
   * Keeps only the deletions ({@code keepNull}) or only the non-deletions of a patch, recursing
   * into objects. An explicitly empty object counts as a value, not as an empty patch.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> filterNulls(Map<String, Object> m, boolean keepNull) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        if (keepNull) {
          out.put(e.getKey(), null);
        }
      } else if (v instanceof Map) {
        Map<String, Object> sub = (Map<String, Object>) v;
        if (sub.isEmpty()) {
          if (!keepNull) {
            out.put(e.getKey(), sub);
          }
          continue;
        }
        Map<String, Object> filtered = filterNulls(sub, keepNull);
        if (!filtered.isEmpty()) {
          out.put(e.getKey(), filtered);
        }
      } else if (!keepNull) {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  /** Applies merge patch {@code patch} (which holds no nulls) onto {@code doc} in place. */
  @SuppressWarnings("unchecked")
  static void mergeInto(Map<String, Object> doc, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object cur = doc.get(e.getKey());
      Object v = e.getValue();
      if (cur instanceof Map && v instanceof Map) {
        mergeInto((Map<String, Object>) cur, (Map<String, Object>) v);
      } else {
        doc.put(e.getKey(), Json.copy(v));
      }
    }
  }

  /** JSON equality; numbers compare by value, so 1 and 1.0 are equal as in Go's float64s. */
  @SuppressWarnings("unchecked")
  static boolean deepEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number && b instanceof Number) {
      return ((Number) a).doubleValue() == ((Number) b).doubleValue();
    }
    if (a instanceof Map && b instanceof Map) {
      Map<String, Object> ma = (Map<String, Object>) a;
      Map<String, Object> mb = (Map<String, Object>) b;
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<String, Object> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !deepEquals(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List && b instanceof List) {
      List<Object> la = (List<Object>) a;
      List<Object> lb = (List<Object>) b;
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!deepEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
