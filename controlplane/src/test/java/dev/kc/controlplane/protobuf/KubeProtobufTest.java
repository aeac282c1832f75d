package dev.kc.controlplane.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class KubeProtobufTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  // Bodies captured from real kubectl binaries posting to a recording HTTP server (see
  // src/test/resources/protobuf/README.md).
  private static final String CPU80 = "kubectl-1.32-autoscale-min2-max5-cpu80.bin";
  private static final String MAX5 = "kubectl-1.32-autoscale-max5.bin";
  private static final String NAMED = "kubectl-1.32-autoscale-name-web-hpa-min3-max7.bin";
  private static final String V2_CPU80 = "kubectl-1.33-autoscale-v2-min2-max5-cpu80.bin";
  private static final String V2_MAX5 = "kubectl-1.33-autoscale-v2-max5.bin";

  @Test
  void decodesKubectl132AutoscaleWithMinMaxAndCpuPercent() throws IOException {
    JsonNode hpa = KubeProtobuf.decode(captured(CPU80));

    assertEquals(
        json(
            """
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler",
             "metadata":{"name":"app"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"app","apiVersion":"apps/v1"},
                     "minReplicas":2,"maxReplicas":5,"targetCPUUtilizationPercentage":80},
             "status":{"currentReplicas":0,"desiredReplicas":0}}\
            """),
        hpa);
  }

  @Test
  void leavesMinReplicasAndCpuTargetOutWhenKubectlWasNotGivenThem() throws IOException {
    JsonNode spec = KubeProtobuf.decode(captured(MAX5)).get("spec");

    assertEquals(
        json(
            """
            {"scaleTargetRef":{"kind":"Deployment","name":"app","apiVersion":"apps/v1"},
             "maxReplicas":5}\
            """),
        spec);
  }

  @Test
  void takesTheNameFromMetadataNotFromTheTarget() throws IOException {
    JsonNode hpa = KubeProtobuf.decode(captured(NAMED));

    assertEquals("web-hpa", hpa.at("/metadata/name").asString());
    assertEquals("app", hpa.at("/spec/scaleTargetRef/name").asString());
    assertEquals(3, hpa.at("/spec/minReplicas").asInt());
    assertEquals(7, hpa.at("/spec/maxReplicas").asInt());
  }

  @Test
  void decodesKubectl133AutoscalingV2WithCpuMetric() throws IOException {
    JsonNode hpa = KubeProtobuf.decode(captured(V2_CPU80));

    assertEquals(
        json(
            """
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
             "metadata":{"name":"app"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"app","apiVersion":"apps/v1"},
                     "minReplicas":2,"maxReplicas":5,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu",
                        "target":{"type":"Utilization","averageUtilization":80}}}]},
             "status":{"desiredReplicas":0}}\
            """),
        hpa);
  }

  @Test
  void decodesKubectl133AutoscalingV2WithoutMetrics() throws IOException {
    JsonNode spec = KubeProtobuf.decode(captured(V2_MAX5)).get("spec");

    assertEquals(
        json(
            """
            {"scaleTargetRef":{"kind":"Deployment","name":"app","apiVersion":"apps/v1"},
             "maxReplicas":5}\
            """),
        spec);
  }

  @Test
  void testEncoderReproducesTheCapturedKubectlBodiesByteForByte() throws IOException {
    assertArrayEquals(captured(CPU80), kubectl132Body("app", 2, 5, 80));
    assertArrayEquals(captured(MAX5), kubectl132Body("app", null, 5, null));
    assertArrayEquals(captured(NAMED), kubectl132Body("web-hpa", 3, 7, null));
  }

  @Test
  void decodesLabelsAnnotationsOwnersAndTimestamps() {
    ProtoWriter meta =
        ProtoWriter.message()
            .string(1, "web")
            .string(3, "prod")
            .varint(7, 3)
            .message(8, ProtoWriter.message().varint(1, 1_700_000_000L))
            .mapEntry(11, "app", "web")
            .mapEntry(11, "tier", "front")
            .mapEntry(12, "note", "")
            .message(
                13,
                ProtoWriter.message()
                    .string(1, "Deployment")
                    .string(3, "web")
                    .string(4, "uid-1")
                    .string(5, "apps/v1")
                    .varint(6, 1))
            .string(14, "kc.dev/cleanup");
    byte[] body = hpaV1(ProtoWriter.message().message(1, meta));

    JsonNode hpa = KubeProtobuf.decode(body);

    assertEquals(
        json(
            """
            {"name":"web","namespace":"prod","generation":3,
             "creationTimestamp":"2023-11-14T22:13:20Z",
             "labels":{"app":"web","tier":"front"},"annotations":{"note":""},
             "ownerReferences":[{"kind":"Deployment","name":"web","uid":"uid-1",
                                 "apiVersion":"apps/v1","controller":true}],
             "finalizers":["kc.dev/cleanup"]}\
            """),
        hpa.get("metadata"));
  }

  @Test
  void skipsUnknownFieldsOfEveryWireTypeAtEveryLevel() {
    ProtoWriter spec =
        ProtoWriter.message()
            .fixed64(90, -1L)
            .varint(3, 4)
            .fixed32(91, 7)
            .string(92, "future")
            .varint(93, Long.MAX_VALUE);
    ProtoWriter hpa =
        ProtoWriter.message()
            .message(1, ProtoWriter.message().string(1, "app").varint(15, 1))
            .message(2, spec)
            .message(40, ProtoWriter.message().string(1, "nested"));
    ProtoWriter unknown =
        ProtoWriter.message()
            .fixed32(9, 1)
            .message(
                1,
                ProtoWriter.message()
                    .string(1, "autoscaling/v1")
                    .string(2, "HorizontalPodAutoscaler"))
            .bytes(2, hpa.toBytes())
            .varint(5, 300);

    JsonNode decoded = KubeProtobuf.decode(ProtoWriter.withMagic(unknown.toBytes()));

    assertEquals(json("{\"maxReplicas\":4}"), decoded.get("spec"));
    assertEquals(json("{\"name\":\"app\"}"), decoded.get("metadata"));
  }

  @Test
  void keepsAnExplicitZeroMinReplicasBecauseThePointerWasSet() {
    byte[] body = hpaV1(ProtoWriter.message().message(2, ProtoWriter.message().varint(2, 0)));

    assertEquals(0, KubeProtobuf.decode(body).at("/spec/minReplicas").asInt(-1));
  }

  @Test
  void rejectsABodyWithoutTheKubernetesPrefix() {
    ProtobufException e =
        assertThrows(
            ProtobufException.class, () -> KubeProtobuf.decode("{\"kind\":\"x\"}".getBytes()));
    assertTrue(e.getMessage().contains("k8s"), e.getMessage());
    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(new byte[] {'k', '8'}));
    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(null));
  }

  @Test
  void rejectsKindsOtherThanHorizontalPodAutoscaler() {
    byte[] body = ProtoWriter.envelope("apps/v1", "Deployment", ProtoWriter.message());

    ProtobufException e = assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(body));

    assertTrue(e.getMessage().contains("apps/v1 Deployment"), e.getMessage());
    assertTrue(e.getMessage().contains("application/json"), e.getMessage());
  }

  @Test
  void rejectsAnEnvelopeWithoutTypeInformation() {
    byte[] body = ProtoWriter.withMagic(new byte[0]);

    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(body));
  }

  @Test
  void rejectsCompressedOrNonProtobufEmbeddedContent() {
    ProtoWriter typeMeta =
        ProtoWriter.message().string(1, "autoscaling/v1").string(2, "HorizontalPodAutoscaler");
    byte[] gzip =
        ProtoWriter.withMagic(
            ProtoWriter.message()
                .message(1, typeMeta)
                .bytes(2, new byte[0])
                .string(3, "gzip")
                .toBytes());
    byte[] json =
        ProtoWriter.withMagic(
            ProtoWriter.message()
                .message(1, typeMeta)
                .bytes(2, new byte[0])
                .string(4, "application/json")
                .toBytes());

    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(gzip));
    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(json));
  }

  @Test
  void rejectsAKnownFieldWithTheWrongWireType() {
    byte[] body = hpaV1(ProtoWriter.message().message(2, ProtoWriter.message().string(2, "two")));

    ProtobufException e = assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(body));

    assertTrue(e.getMessage().contains("minReplicas"), e.getMessage());
  }

  @Test
  void rejectsAVarintLongerThanTenBytes() {
    byte[] body =
        hpaV1(
            ProtoWriter.message()
                .message(
                    2,
                    ProtoWriter.message()
                        .raw(0x10)
                        .raw(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)));

    ProtobufException e = assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(body));

    assertTrue(e.getMessage().contains("varint"), e.getMessage());
  }

  @Test
  void rejectsALengthThatRunsPastTheEnd() {
    // Field 2 (raw) claims 200 bytes but only 3 follow.
    byte[] body =
        ProtoWriter.withMagic(ProtoWriter.message().raw(0x12, 0xC8, 0x01, 1, 2, 3).toBytes());

    ProtobufException e = assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(body));

    assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
  }

  @Test
  void rejectsGroupWireTypesAndFieldZero() {
    byte[] group = hpaV1(ProtoWriter.message().raw(0x0B, 0x0C));
    byte[] fieldZero = hpaV1(ProtoWriter.message().raw(0x00, 0x01));

    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(group));
    assertThrows(ProtobufException.class, () -> KubeProtobuf.decode(fieldZero));
  }

  @Test
  void truncatingTheObjectAnywhereFailsWithProtobufException() throws IOException {
    byte[] body = captured(CPU80);
    // The raw object starts at byte 49 (after magic and TypeMeta) and ends 4 bytes before the
    // end; cutting anywhere inside it leaves a length that runs past the data.
    for (int cut = 49; cut < body.length - 4; cut++) {
      byte[] prefix = Arrays.copyOf(body, cut);
      assertThrows(
          ProtobufException.class, () -> KubeProtobuf.decode(prefix), "cut at byte " + cut);
    }
  }

  @Test
  void neverFailsWithAnythingButProtobufExceptionOnGarbage() throws IOException {
    Random random = new Random(42);
    byte[] good = captured(V2_CPU80);
    for (int i = 0; i < 5000; i++) {
      byte[] body = Arrays.copyOf(good, good.length);
      // Flip a few bytes after the prefix, sometimes also truncating.
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        body[4 + random.nextInt(body.length - 4)] = (byte) random.nextInt(256);
      }
      byte[] input = random.nextBoolean() ? body : Arrays.copyOf(body, random.nextInt(body.length));
      try {
        KubeProtobuf.decode(input);
      } catch (ProtobufException expected) {
        // fine: a clean 400
      } catch (RuntimeException e) {
        fail("input " + Arrays.toString(input) + " threw " + e, e);
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "application/vnd.kubernetes.protobuf, true",
    "Application/Vnd.Kubernetes.Protobuf, true",
    "application/vnd.kubernetes.protobuf; charset=binary, true",
    "' application/vnd.kubernetes.protobuf ', true",
    "application/json, false",
    "application/vnd.kubernetes.protobuf+json, false",
    "'', false"
  })
  void recognisesTheProtobufMediaType(String contentType, boolean expected) {
    assertEquals(expected, KubeProtobuf.isProtobuf(contentType));
  }

  @Test
  void nullContentTypeIsNotProtobuf() {
    assertFalse(KubeProtobuf.isProtobuf(null));
  }

  /** What kubectl 1.32 `autoscale` writes, field for field. */
  private static byte[] kubectl132Body(String name, Integer min, int max, Integer cpu) {
    ProtoWriter meta =
        ProtoWriter.message()
            .string(1, name)
            .string(2, "")
            .string(3, "")
            .string(4, "")
            .string(5, "")
            .string(6, "")
            .varint(7, 0)
            .message(8, ProtoWriter.message());
    ProtoWriter ref =
        ProtoWriter.message().string(1, "Deployment").string(2, "app").string(3, "apps/v1");
    ProtoWriter spec = ProtoWriter.message().message(1, ref);
    if (min != null) {
      spec.varint(2, min);
    }
    spec.varint(3, max);
    if (cpu != null) {
      spec.varint(4, cpu);
    }
    ProtoWriter status = ProtoWriter.message().varint(3, 0).varint(4, 0);
    ProtoWriter hpa = ProtoWriter.message().message(1, meta).message(2, spec).message(3, status);
    return ProtoWriter.envelope("autoscaling/v1", "HorizontalPodAutoscaler", hpa);
  }

  private static byte[] hpaV1(ProtoWriter object) {
    return ProtoWriter.envelope("autoscaling/v1", "HorizontalPodAutoscaler", object);
  }

  private static byte[] captured(String name) throws IOException {
    try (InputStream in = KubeProtobufTest.class.getResourceAsStream("/protobuf/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
