package dev.kc.cli.commands;

import dev.kc.api.patch.JsonMergePatch;
import dev.kc.api.patch.PatchException;
import dev.kc.api.patch.PatchMeta;
import dev.kc.api.patch.StrategicMergePatch;
import dev.kc.cli.CliException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests and patch bodies shared by the verbs that change existing objects: GET, PATCH with
 * kubectl's content types, and two-way patches computed the way kubectl computes them.
 */
final class Patches {

  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String MERGE = "application/merge-patch+json";
  static final String JSON_PATCH = "application/json-patch+json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Patches() {}

  /** GETs one target as JSON (kind and apiVersion filled in). */
  static Map<String, Object> get(RestClient c, Targets.Target t, String ns) {
    return Fetch.object(c, t.type(), ns, t.name());
  }

  /**
   * PATCHes one target.
   *
   * @param fieldManager the {@code fieldManager} parameter, or {@code null} for none
   * @return the object the server returned
   */
  static Map<String, Object> patch(
      RestClient c,
      Targets.Target t,
      String ns,
      String contentType,
      Object body,
      String fieldManager) {
    String path = t.type().objectPath(ns, t.name()) + new Query().add("fieldManager", fieldManager);
    Object answer =
        c.sendJson(
            "PATCH", path, contentType, body, "patch " + t.type().groupResource() + " " + t.name());
    return Fetch.withTypeMeta(Json.obj(answer), t.type());
  }

  /**
   * The strategic merge patch from {@code original} to {@code modified} (kubectl's {@code
   * CreateTwoWayMergePatch}); a JSON merge patch for kinds without patch metadata. Keys are sorted
   * as Go marshals maps.
   */
  static Map<String, Object> twoWay(Map<String, Object> original, Map<String, Object> modified) {
    JsonNode o = tree(original);
    JsonNode m = tree(modified);
    PatchMeta meta = PatchMeta.forObject(o);
    try {
      JsonNode patch =
          meta.isNone()
              ? JsonMergePatch.create(o, m)
              : StrategicMergePatch.createTwoWay(o, m, meta);
      return Json.obj(Json.parse(patch.toString()));
    } catch (PatchException e) {
      throw CliException.error(e.getMessage());
    }
  }

  /** The JSON merge patch from {@code original} to {@code modified}. */
  static Map<String, Object> mergePatch(
      Map<String, Object> original, Map<String, Object> modified) {
    Object patch = Json.parse(JsonMergePatch.create(tree(original), tree(modified)).toString());
    return Json.obj(sorted(patch));
  }

  /** A copy of a JSON tree with object keys sorted, as Go's encoder writes maps. */
  @SuppressWarnings("unchecked")
  static Object sorted(Object value) {
    if (value instanceof Map) {
      Map<String, Object> out = new java.util.TreeMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        out.put(e.getKey(), sorted(e.getValue()));
      }
      return new java.util.LinkedHashMap<>(out);
    }
    if (value instanceof java.util.List) {
      java.util.List<Object> out = new java.util.ArrayList<>();
      for (Object o : (java.util.List<Object>) value) {
        out.add(sorted(o));
      }
      return out;
    }
    return value;
  }

  private static JsonNode tree(Map<String, Object> obj) {
    return MAPPER.readTree(Json.compact(obj));
  }
}
