package dev.kc.controlplane.protobuf;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the Kubernetes protobuf request bodies kc accepts into the JSON a JSON client would have
 * sent.
 *
 * <p>kubectl 1.32 sends exactly one request as protobuf: the create of {@code kubectl autoscale}
 * (an autoscaling/v1 HorizontalPodAutoscaler); kubectl 1.33 sends the autoscaling/v2 one first.
 * There is no JSON fallback on the client side, so the server must read it. Everything else kubectl
 * sends is JSON, and kc answers JSON to everything.
 *
 * <p>Wire layout: the four bytes {@code k8s\0}, then a {@code runtime.Unknown} message {@code {1:
 * TypeMeta{1: apiVersion, 2: kind}, 2: raw object bytes, 3: contentEncoding, 4: contentType}}. All
 * methods are stateless and thread-safe.
 */
public final class KubeProtobuf {
  /** The media type of Kubernetes protobuf bodies. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private KubeProtobuf() {}

  /**
   * True when the Content-Type is {@code application/vnd.kubernetes.protobuf}, with or without
   * parameters, in any letter case. False for {@code null} and for every other type.
   */
  public static boolean isProtobuf(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String base = semi < 0 ? contentType : contentType.substring(0, semi);
    return base.trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
  }

  /**
   * Decodes a {@code k8s\0}-prefixed {@code runtime.Unknown} envelope holding an autoscaling/v1 or
   * autoscaling/v2 HorizontalPodAutoscaler.
   *
   * <p>The result has {@code apiVersion} and {@code kind} from the envelope, then {@code metadata}
   * (name, generateName, namespace, labels, annotations, ownerReferences, finalizers, ... when
   * set), {@code spec} ({@code scaleTargetRef}, {@code minReplicas} only if the client set it,
   * {@code maxReplicas}, and {@code targetCPUUtilizationPercentage} for v1 or {@code
   * metrics}/{@code behavior} for v2) and {@code status} as sent. Fields a JSON client would omit
   * (empty strings, generation 0, the zero time) are omitted; unknown fields are skipped. No
   * defaults are applied: that is the caller's job, as for a JSON body. An empty namespace is left
   * out, so the caller takes it from the URL.
   *
   * @param body the whole request body
   * @return a new object owned by the caller
   * @throws ProtobufException with a message fit for a 400 BadRequest when the body is not a
   *     Kubernetes protobuf envelope, is malformed or truncated, is compressed, or holds any kind
   *     other than an autoscaling/v1 or v2 HorizontalPodAutoscaler
   */
  public static ObjectNode decode(byte[] body) {
    if (body == null || !hasMagic(body)) {
      throw new ProtobufException(
          "invalid protobuf body: it does not start with the Kubernetes protobuf prefix 'k8s\\0'");
    }
    Envelope envelope = readEnvelope(body);
    MessageType type = objectType(envelope.apiVersion(), envelope.kind());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("apiVersion", envelope.apiVersion());
    out.put("kind", envelope.kind());
    if (envelope.raw() != null) {
      out.setAll(MessageDecoder.decode(type, envelope.raw()));
    }
    return out;
  }

  private record Envelope(String apiVersion, String kind, WireReader raw) {}

  /**
   * Reads the envelope in one pass. The object bytes (field 2) are kept as a reader and decoded
   * only once the type is known; a field with an unexpected wire type counts as unknown.
   */
  private static Envelope readEnvelope(byte[] body) {
    WireReader in = new WireReader(body, MAGIC.length, body.length);
    JsonNode typeMeta = JsonNodeFactory.instance.objectNode();
    WireReader raw = null;
    String encoding = "";
    String contentType = "";
    while (in.hasMore()) {
      int tag = in.readTag();
      switch (tag) {
        case 1 << 3 | WireReader.LEN ->
            typeMeta = MessageDecoder.decode(HpaMessages.TYPE_META, in.readMessage());
        case 2 << 3 | WireReader.LEN -> raw = in.readMessage();
        case 3 << 3 | WireReader.LEN -> encoding = in.readString();
        case 4 << 3 | WireReader.LEN -> contentType = in.readString();
        default -> in.skip(tag & 7);
      }
    }
    if (!encoding.isEmpty()) {
      throw new ProtobufException(
          "invalid protobuf body: content encoding \"" + encoding + "\" is not supported");
    }
    // An empty content type means the raw bytes are protobuf, which is all kc reads.
    if (!contentType.isEmpty() && !isProtobuf(contentType)) {
      throw new ProtobufException(
          "invalid protobuf body: embedded content type \"" + contentType + "\" is not supported");
    }
    return new Envelope(text(typeMeta, "apiVersion"), text(typeMeta, "kind"), raw);
  }

  private static MessageType objectType(String apiVersion, String kind) {
    if (kind.equals("HorizontalPodAutoscaler")) {
      if (apiVersion.equals("autoscaling/v1")) {
        return HpaMessages.V1_HPA;
      }
      if (apiVersion.equals("autoscaling/v2")) {
        return HpaMessages.V2_HPA;
      }
    }
    String what = kind.isEmpty() ? "an object without a kind" : apiVersion + " " + kind;
    throw new ProtobufException(
        "protobuf request bodies are only supported for autoscaling/v1 and autoscaling/v2"
            + " HorizontalPodAutoscaler, not "
            + what
            + "; send application/json instead");
  }

  private static boolean hasMagic(byte[] body) {
    if (body.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (body[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isString() ? v.asString() : "";
  }
}
