package dev.kc.cli.apply;

import dev.kc.api.patch.JsonMergePatch;
import dev.kc.api.patch.PatchException;
import dev.kc.api.patch.PatchMeta;
import dev.kc.api.patch.StrategicMergePatch;
import dev.kc.cli.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patch kubectl's client-side apply sends: a three-way strategic merge patch for the built-in
 * kinds (whose list merge keys kc knows), a three-way JSON merge patch for everything else.
 */
final class KubectlPatches implements PatchComputer {
  static final KubectlPatches INSTANCE = new KubectlPatches();

  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String MERGE = "application/merge-patch+json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private KubectlPatches() {}

  @Override
  public Patch compute(
      Map<String, Object> original, Map<String, Object> modified, Map<String, Object> current) {
    JsonNode o = original == null ? null : tree(original);
    JsonNode m = tree(modified);
    JsonNode c = tree(current);
    PatchMeta meta = PatchMeta.forObject(m);
    JsonNode patch;
    try {
      patch =
          meta.isNone()
              ? JsonMergePatch.createThreeWay(o, m, c)
              : StrategicMergePatch.createThreeWay(o, m, c, meta, true);
    } catch (PatchException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (patch.has("apiVersion") || patch.has("kind") || patch.path("metadata").has("name")) {
      throw new IllegalArgumentException("At least one of apiVersion, kind and name was changed");
    }
    Map<String, Object> body = Json.obj(Json.parse(patch.toString()));
    return new Patch(meta.isNone() ? MERGE : STRATEGIC, body);
  }

  private static JsonNode tree(Map<String, Object> obj) {
    return MAPPER.readTree(Json.compact(obj));
  }
}
