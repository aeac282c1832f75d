package dev.kc.cli.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kc.cli.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericDescriberTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "creationTimestamp, Creation Timestamp",
    "apiVersion, API Version",
    "uid, UID",
    "podIP, Pod IP",
    "hostIPs, Host I Ps",
    "x-kubernetes, X - Kubernetes",
    "v1, v1",
    "app.kubernetes.io/name, app.kubernetes.io/name",
    "PDFLoader, PDF Loader"
  })
  void turnsFieldNamesIntoKubectlLabels(String field, String label) {
    assertEquals(label, GenericDescriber.smartLabel(field));
  }

  @Test
  void describesMetadataContentAndEvents() {
    Map<String, Object> obj =
        Json.obj(
            Json.parse(
                "{\"apiVersion\":\"example.com/v1\","
                    + "\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\",\"namespace\":\"default\","
                    + "\"uid\":\"u1\",\"labels\":{\"b\":\"2\",\"a\":\"1\"}},\"spec\":{\"replicas\":"
                    + "3,"
                    + "\"items\":[{\"name\":\"c\"},{\"name\":\"d\"}],\"tags\":[\"x\"]}}"));
    Map<String, Object> event =
        Json.obj(
            Json.parse(
                "{\"type\":\"Normal\",\"reason\":\"Made\","
                    + "\"message\":\"done \",\"source\":{\"component\":\"ctl\"},\"count\":3,"
                    + "\"firstTimestamp\":\"2026-01-01T11:00:00Z\",\"lastTimestamp\":"
                    + "\"2026-01-01T11:58:00Z\"}"));

    String text =
        GenericDescriber.INSTANCE.describe(
            obj, List.of(event), Instant.parse("2026-01-01T12:00:00Z"));

    assertEquals(
        "Name:         w\n"
            + "Namespace:    default\n"
            + "Labels:       a=1\n"
            + "              b=2\n"
            + "Annotations:  <none>\n"
            + "API Version:  example.com/v1\n"
            + "Kind:         Widget\n"
            + "Metadata:\n"
            + "  UID:  u1\n"
            + "Spec:\n"
            + "  Items:\n"
            + "    Name:    c\n"
            + "    Name:    d\n"
            + "  Replicas:  3\n"
            + "  Tags:\n"
            + "    x\n"
            + "Events:\n"
            + "  Type    Reason  Age               From  Message\n"
            + "  ----    ------  ----              ----  -------\n"
            + "  Normal  Made    2m (x3 over 60m)  ctl   done\n",
        text);
  }

  @Test
  void saysNoneWithoutEvents() {
    String text =
        GenericDescriber.INSTANCE.describe(
            Json.obj(Json.parse("{\"metadata\":{\"name\":\"w\"}}")), List.of(), Instant.EPOCH);

    assertEquals(
        "Name:         w\nNamespace:    \nLabels:       <none>\nAnnotations:  <none>\n"
            + "Metadata:\nEvents:  <none>\n",
        text);
  }
}
