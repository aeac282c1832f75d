package dev.kc.cli.apply;

import dev.kc.cli.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation, kept byte-identical to
 * kubectl's so that kc and kubectl can take turns applying the same objects.
 */
public final class LastApplied {

  /** The annotation key. */
  public static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  private LastApplied() {}

  /**
   * Returns a copy of {@code manifest} carrying the annotation. Its value is the manifest itself
   * without the annotation (with {@code metadata.annotations} present, {@code {}} if there were
   * none), as compact JSON with sorted keys plus a trailing newline, which is exactly what kubectl
   * writes.
   */
  public static Map<String, Object> annotate(Map<String, Object> manifest) {
    Map<String, Object> copy = Json.copy(manifest);
    Map<String, Object> meta = Json.child(copy, "metadata");
    Map<String, Object> annotations = Json.obj(meta, "annotations");
    annotations = annotations == null ? new LinkedHashMap<>() : annotations;
    annotations.remove(ANNOTATION);
    meta.put("annotations", annotations);
    String value = Json.compact(copy) + "\n";
    annotations.put(ANNOTATION, value);
    return copy;
  }

  /**
   * The last applied configuration stored on a live object.
   *
   * @return the parsed configuration, or {@code null} when the annotation is missing or not valid
   *     JSON
   */
  public static Map<String, Object> of(Map<String, Object> live) {
    String value = Json.str(live, "metadata", "annotations", ANNOTATION);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Json.obj(Json.parse(value));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
