package dev.kc.cli.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kc.cli.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LastAppliedTest {

  /** The annotation kubectl 1.32 wrote for this manifest (observed on the wire). */
  private static final String KUBECTL_VALUE =
      "{\"apiVersion\":\"apps/v1\",\"kind\":"
          + "\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"app\"},\"name\":"
          + "\"app-deployment\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":"
          + "{\"matchLabels\":{\"app\":\"app\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":"
          + "\"app\"}},\"spec\":{\"containers\":[{\"image\":\"app:1.0.0\",\"name\":\"app\"}]}}}}\n";

  @Test
  void annotationIsByteIdenticalToKubectls() {
    Map<String, Object> manifest =
        Json.obj(
            Json.parse(
                "{\"apiVersion\":\"apps/v1\","
                    + "\"kind\":\"Deployment\",\"metadata\":{\"name\":\"app-deployment\",\"labels\""
                    + ":"
                    + "{\"app\":\"app\"},\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"sele"
                    + "ctor\":"
                    + "{\"matchLabels\":{\"app\":\"app\"}},\"template\":{\"metadata\":{\"labels\":{"
                    + "\"app\":"
                    + "\"app\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1.0.0"
                    + "\"}]}}}}"));

    Map<String, Object> annotated = LastApplied.annotate(manifest);

    assertEquals(
        KUBECTL_VALUE, Json.str(annotated, "metadata", "annotations", LastApplied.ANNOTATION));
    assertNull(Json.obj(manifest, "metadata", "annotations"), "input must not change");
  }

  @Test
  void annotationExcludesAnOldLastAppliedValueButKeepsOtherAnnotations() {
    Map<String, Object> manifest =
        Json.obj(
            Json.parse(
                "{\"kind\":\"ConfigMap\",\"metadata\":"
                    + "{\"name\":\"x\",\"annotations\":{\"a\":\"b\",\""
                    + LastApplied.ANNOTATION
                    + "\":\"old\"}}}"));

    String value =
        Json.str(LastApplied.annotate(manifest), "metadata", "annotations", LastApplied.ANNOTATION);

    assertEquals(
        "{\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"a\":\"b\"},"
            + "\"name\":\"x\"}}\n",
        value);
  }

  @Test
  void readsTheStoredConfigurationBack() {
    Map<String, Object> live =
        Json.obj(
            Json.parse(
                "{\"metadata\":{\"annotations\":{\""
                    + LastApplied.ANNOTATION
                    + "\":\"{\\\"a\\\":1}\\n\"}}}"));

    assertEquals(Map.of("a", 1L), LastApplied.of(live));
    assertNull(LastApplied.of(Json.obj(Json.parse("{\"metadata\":{}}"))));
  }
}
